"""Fetching one URL with httpx: timeouts, a streamed size cap, capped redirects, http(s) only,
content types checked, and conditional GET from a UrlCache."""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

from ingest.errors import ReadError
from ingest.options import ReadOptions, UrlCache
from ingest.url_rules import check_url

#: Content types read as articles or feeds; a missing type is sniffed from the body.
TEXT_TYPES = {
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "text/markdown",
    "text/x-markdown",
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
}
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml"}


@dataclass(frozen=True, slots=True)
class FetchResult:
    """A 200 response's body, or ``not_modified`` for a 304."""

    url: str
    final_url: str
    content: bytes
    content_type: str
    charset: str | None
    etag: str | None
    last_modified: str | None
    not_modified: bool = False


def make_client(options: ReadOptions) -> httpx.Client:
    return httpx.Client(
        timeout=httpx.Timeout(options.timeout),
        follow_redirects=True,
        max_redirects=options.max_redirects,
        headers={
            "User-Agent": options.user_agent,
            "Accept": "text/html, application/xhtml+xml, "
            "application/rss+xml, application/atom+xml, application/xml;q=0.9, "
            "text/plain;q=0.8, */*;q=0.1",
        },
    )


def fetch(
    client: httpx.Client,
    url: str,
    options: ReadOptions,
    url_cache: UrlCache | None = None,
) -> FetchResult:
    """GET ``url``; raise ReadError with a one-line reason on any failure."""
    check_url(url)
    headers: dict[str, str] = {}
    cached = url_cache.get(url) if url_cache is not None else None
    if cached is not None:
        etag, last_modified = cached
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
    deadline = time.monotonic() + options.timeout
    try:
        with client.stream("GET", url, headers=headers) as response:
            final_url = str(response.url)
            if response.url.scheme not in {"http", "https"}:
                raise ReadError(f"redirected to unsupported scheme {response.url.scheme!r}")
            if response.status_code == 304:
                return FetchResult(url, final_url, b"", "", None, None, None, not_modified=True)
            if response.status_code >= 400:
                raise ReadError(f"HTTP {response.status_code} {response.reason_phrase}".strip())
            if response.status_code != 200:
                raise ReadError(f"unexpected HTTP status {response.status_code}")
            content_type, charset = _content_type(response.headers.get("content-type", ""))
            if content_type and content_type not in TEXT_TYPES:
                raise ReadError(f"unsupported content type {content_type!r}")
            declared_length = response.headers.get("content-length", "")
            if declared_length.isdigit() and int(declared_length) > options.max_bytes:
                raise ReadError(_too_big(int(declared_length), options.max_bytes))
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > options.max_bytes:
                    raise ReadError(_too_big(size, options.max_bytes, at_least=True))
                if time.monotonic() > deadline:
                    raise ReadError(f"timed out after {options.timeout:g} s (download too slow)")
                chunks.append(chunk)
            return FetchResult(
                url,
                final_url,
                b"".join(chunks),
                content_type,
                charset,
                response.headers.get("etag"),
                response.headers.get("last-modified"),
            )
    except httpx.TooManyRedirects:
        raise ReadError(f"too many redirects (more than {options.max_redirects})") from None
    except httpx.TimeoutException:
        raise ReadError(f"timed out after {options.timeout:g} s") from None
    except httpx.UnsupportedProtocol as error:
        raise ReadError(f"unsupported URL: {error}") from None
    except httpx.InvalidURL as error:
        raise ReadError(f"invalid URL: {error}") from None
    except httpx.HTTPError as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ReadError(f"network error: {reason}") from None


def _content_type(header: str) -> tuple[str, str | None]:
    parts = [part.strip() for part in header.split(";")]
    charset = None
    for part in parts[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value:
            charset = value.strip().strip("\"'")
    return parts[0].lower(), charset


def _too_big(size: int, limit: int, at_least: bool = False) -> str:
    more = "more than " if at_least else ""
    return f"body is {more}{size / 1e6:.1f} MB, larger than the {limit / 1e6:.1f} MB limit"
