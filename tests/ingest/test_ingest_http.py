"""URLs and feeds over a local HTTP server: pages, feeds, and every network failure."""

from __future__ import annotations

from collections.abc import Iterator

from ingest import Document, InputFailure, ReadOptions, Unchanged, read_inputs
from tests.local_http import LocalHTTPServer, Route

PAGE = """<!doctype html><html lang="en"><head>
<title>Cluster notes | Example Site</title>
<meta property="og:title" content="A cluster of 2,048 GPUs, costed">
<meta name="author" content="Dana Example">
<meta property="article:published_time" content="2025-03-04T08:30:00Z">
<link rel="canonical" href="https://example.org/cluster">
<script>var tracking = "1e30 FLOP";</script>
</head><body>
<nav><a href="/">Home</a> | <a href="/about">About</a></nav>
<article>
<h1>A cluster of 2,048 GPUs, costed</h1>
<p>The operator rents 2,048 H100 GPUs at $2.50 per GPU-hour for 60 days.</p>
<p>That is about 2.9 million GPU-hours, or $7.4 million,
see <a href="https://example.org/src">the source</a>.</p>
<!-- a comment with 999 PFLOP that is not text -->
</article>
<footer>Copyright 2025. Contact: desk@example.org</footer>
</body></html>"""

SHORT = ReadOptions(timeout=0.5, max_redirects=3)


def _only(results: list[object]) -> object:
    assert len(results) == 1, results
    return results[0]


def test_html_page_over_http_gives_main_text_and_meta(http_server: LocalHTTPServer) -> None:
    url = http_server.add("/page", Route(body=PAGE))
    document = _only(list(read_inputs([url], options=SHORT)))
    assert isinstance(document, Document)
    assert document.title == "A cluster of 2,048 GPUs, costed"
    assert document.author == "Dana Example"
    assert document.published is not None and document.published.year == 2025
    assert document.url == "https://example.org/cluster"
    assert document.origin == url
    assert "$2.50 per GPU-hour" in document.text
    assert "tracking" not in document.text and "999 PFLOP" not in document.text
    assert "Home" not in document.text and "Copyright" not in document.text
    assert "https://example.org/src" in document.metadata["links"]
    assert document.language == "en"
    assert document.fetched is not None


def test_slow_url_times_out_with_one_line(http_server: LocalHTTPServer) -> None:
    failure = _only(list(read_inputs([http_server.url("/slow")], options=SHORT)))
    assert isinstance(failure, InputFailure)
    assert failure.input == http_server.url("/slow")
    assert "timed out" in failure.reason and "\n" not in failure.reason


def test_404_is_a_failure_naming_the_status(http_server: LocalHTTPServer) -> None:
    failure = _only(list(read_inputs([http_server.url("/missing")], options=SHORT)))
    assert isinstance(failure, InputFailure)
    assert "404" in failure.reason


def test_redirect_loop_stops_at_the_cap(http_server: LocalHTTPServer) -> None:
    failure = _only(list(read_inputs([http_server.url("/loop")], options=SHORT)))
    assert isinstance(failure, InputFailure)
    assert "too many redirects" in failure.reason
    assert len(http_server.requests) <= SHORT.max_redirects + 1


def test_big_body_stops_at_the_size_cap(http_server: LocalHTTPServer) -> None:
    options = ReadOptions(max_bytes=200_000, timeout=5)
    failure = _only(list(read_inputs([http_server.url("/big")], options=options)))
    assert isinstance(failure, InputFailure)
    assert "limit" in failure.reason


def test_declared_content_length_over_the_cap_is_refused(http_server: LocalHTTPServer) -> None:
    url = http_server.add("/large", Route(body="<p>" + "y" * 300_000 + "</p>"))
    failure = _only(list(read_inputs([url], options=ReadOptions(max_bytes=100_000))))
    assert isinstance(failure, InputFailure)
    assert "limit" in failure.reason


def test_wrong_content_type_is_refused(http_server: LocalHTTPServer) -> None:
    failure = _only(list(read_inputs([http_server.url("/binary")], options=SHORT)))
    assert isinstance(failure, InputFailure)
    assert "image/png" in failure.reason


def test_only_http_and_https(tmp_path: object) -> None:
    failure = _only(list(read_inputs(["ftp://example.org/a.txt"])))
    assert isinstance(failure, InputFailure)
    assert "only http and https" in failure.reason


def test_connection_refused_is_a_failure() -> None:
    with LocalHTTPServer() as server:
        url = server.url("/page")
    failure = _only(list(read_inputs([url], options=SHORT)))
    assert isinstance(failure, InputFailure)
    assert "network error" in failure.reason or "timed out" in failure.reason


def _feed(server: LocalHTTPServer, with_full_text: bool) -> str:
    server.add("/post-1", Route(body=PAGE))
    full = "<p>" + "The lab reports 16,384 GPUs drawing 11 MW in total. " * 12 + "</p>"
    content = f"<content:encoded><![CDATA[{full}]]></content:encoded>" if with_full_text else ""
    rss = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Compute notes</title><link>{server.url("/")}</link>
<item><title>Feed title one</title><link>{server.url("/post-1")}</link>
<pubDate>Tue, 10 Jun 2025 08:00:00 +0000</pubDate><description>teaser</description></item>
<item><title>Full text entry</title><link>{server.url("/post-2")}</link>
<author>ops@example.org (Lee Ops)</author>
<pubDate>Wed, 11 Jun 2025 08:00:00 +0000</pubDate><description>teaser</description>{content}</item>
<item><title>Gone</title><link>{server.url("/missing")}</link></item>
</channel></rss>"""
    return server.add("/feed.xml", Route(body=rss, content_type="application/rss+xml"))


def test_feed_url_fetches_links_unless_entry_has_full_text(http_server: LocalHTTPServer) -> None:
    url = _feed(http_server, with_full_text=True)
    results = list(read_inputs([url], options=SHORT))
    documents = [r for r in results if isinstance(r, Document)]
    failures = [r for r in results if isinstance(r, InputFailure)]
    assert [d.title for d in documents] == ["A cluster of 2,048 GPUs, costed", "Full text entry"]
    assert documents[0].metadata["feed"] == url
    assert "16,384 GPUs" in documents[1].text
    assert documents[1].published is not None and documents[1].published.day == 11
    paths = [request.path for request in http_server.requests]
    assert "/post-2" not in paths  # carried its full text
    assert [f.input for f in failures] == [http_server.url("/missing")]
    assert "404" in failures[0].reason


def test_feed_that_is_not_xml_fails_cleanly(http_server: LocalHTTPServer) -> None:
    url = http_server.add(
        "/bad.rss", Route(body="this is { not xml at all", content_type="application/rss+xml")
    )
    failure = _only(list(read_inputs([url], options=SHORT)))
    assert isinstance(failure, InputFailure)
    assert "not a valid RSS/Atom feed" in failure.reason


def test_conditional_get_yields_unchanged(http_server: LocalHTTPServer, url_cache) -> None:  # type: ignore[no-untyped-def]
    url = http_server.add(
        "/etag", Route(body=PAGE, etag='"v1"', last_modified="Tue, 10 Jun 2025 08:00:00 GMT")
    )
    first = list(read_inputs([url], url_cache=url_cache))
    assert isinstance(_only(first), Document)
    assert url_cache.entries[url][0] == '"v1"'
    second = list(read_inputs([url], url_cache=url_cache))
    assert _only(second) == Unchanged(url)
    assert http_server.requests[-1].headers.get("If-None-Match") == '"v1"'
    assert http_server.requests[-1].headers.get("If-Modified-Since")


def test_cache_put_waits_until_the_document_was_consumed(
    http_server: LocalHTTPServer,
    url_cache,  # type: ignore[no-untyped-def]
) -> None:
    url = http_server.add("/etag", Route(body=PAGE, etag='"v1"'))
    results = read_inputs([url], url_cache=url_cache)
    assert isinstance(next(results), Document)
    assert url not in url_cache.entries  # caller has not come back yet
    assert list(results) == []
    assert url in url_cache.entries


def test_one_bad_url_does_not_stop_the_others(http_server: LocalHTTPServer) -> None:
    good = http_server.add("/page", Route(body=PAGE))
    results = list(read_inputs([http_server.url("/missing"), good], options=SHORT))
    assert isinstance(results[0], InputFailure)
    assert isinstance(results[1], Document)


def test_feed_served_as_text_xml_is_sniffed(http_server: LocalHTTPServer) -> None:
    url = _feed(http_server, with_full_text=True)
    body = http_server.routes["/feed.xml"].body
    xml_url = http_server.add("/feed-as-xml", Route(body=body, content_type="text/xml"))
    assert url != xml_url
    titles = [r.title for r in read_inputs([xml_url], options=SHORT) if isinstance(r, Document)]
    assert titles == ["A cluster of 2,048 GPUs, costed", "Full text entry"]


def test_unchanged_feed_answers_304(http_server: LocalHTTPServer, url_cache) -> None:  # type: ignore[no-untyped-def]
    _feed(http_server, with_full_text=True)
    route = http_server.routes["/feed.xml"]
    route.etag = '"feed-1"'
    url = http_server.url("/feed.xml")
    first = list(read_inputs([url], options=SHORT, url_cache=url_cache))
    assert any(isinstance(r, Document) for r in first)
    assert list(read_inputs([url], options=SHORT, url_cache=url_cache)) == [Unchanged(url)]


def test_one_redirect_is_followed_and_the_final_url_kept(http_server: LocalHTTPServer) -> None:
    http_server.add("/moved", Route(status=301, headers={"Location": "/new-home"}))
    http_server.add(
        "/new-home", Route(body="<html><body><p>Moved text: 64 GPUs.</p></body></html>")
    )
    document = _only(list(read_inputs([http_server.url("/moved")], options=SHORT)))
    assert isinstance(document, Document)
    assert document.origin == http_server.url("/moved")
    assert document.url == http_server.url("/new-home")


def test_redirect_to_another_scheme_is_refused(http_server: LocalHTTPServer) -> None:
    http_server.add("/to-ftp", Route(status=302, headers={"Location": "ftp://example.org/x"}))
    failure = _only(list(read_inputs([http_server.url("/to-ftp")], options=SHORT)))
    assert isinstance(failure, InputFailure)
    assert "unsupported" in failure.reason


def test_a_download_that_drips_past_the_timeout_is_stopped(http_server: LocalHTTPServer) -> None:
    import time

    def drip() -> Iterator[bytes]:
        for _ in range(40):
            time.sleep(0.1)  # each read is quick; the whole body is not
            yield b"<p>still coming</p>\n"

    url = http_server.add("/drip", Route(body=drip))
    failure = _only(list(read_inputs([url], options=ReadOptions(timeout=0.5))))
    assert isinstance(failure, InputFailure)
    assert "timed out" in failure.reason


def test_json_is_not_an_article_type(http_server: LocalHTTPServer) -> None:
    url = http_server.add("/api", Route(body='{"flop": 1e25}', content_type="application/json"))
    failure = _only(list(read_inputs([url], options=SHORT)))
    assert isinstance(failure, InputFailure)
    assert "application/json" in failure.reason
