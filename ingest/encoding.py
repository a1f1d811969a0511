"""Bytes to Unicode: BOMs, UTF-8, then charset-normalizer for GB18030/GBK, Big5, UTF-16 ...

Policy for invalid bytes: text that is valid UTF-8 except for a few bad bytes (at most 1 in 1000,
as from a download cut mid-character or one stray byte) is decoded with U+FFFD replacement
characters, and the count is reported, because dropping a whole article for one byte helps no one.
Anything worse is a clear failure: guessing an encoding for mostly-invalid bytes yields mojibake
whose "numbers" would then be extracted as claims.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from functools import lru_cache

from ingest.errors import ReadError

#: Signatures of common binary formats, so the error can say what the file is.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF file (extract its text first)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Legacy Chinese encodings are decoded with their superset, so rarer characters survive.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "big5": "big5hkscs"}

#: At most this share of undecodable bytes is replaced rather than failed (see module doc).
MAX_REPLACED_SHARE = 0.001


@dataclass(frozen=True, slots=True)
class DecodedText:
    """``text`` decoded as ``encoding``; ``replaced`` counts U+FFFD put in for bad bytes."""

    text: str
    encoding: str
    replaced: int = 0


def decode_bytes(raw: bytes, declared: str | None = None) -> DecodedText:
    """Decode ``raw``; ``declared`` is a charset from an HTTP header or meta tag, tried early.

    Raises ReadError for empty input, binary files and undecodable bytes.
    """
    if not raw.strip():
        raise ReadError("empty file" if not raw else "file holds only whitespace")
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return _strict(raw[len(bom) :], name)
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise ReadError(f"binary file: looks like {what}")
    utf16 = _utf16_without_bom(raw)
    if utf16 is not None:
        return _strict(raw, utf16)
    try:
        return DecodedText(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    declared_name = _codec_name(declared) if declared else None
    if declared_name is not None and declared_name != "utf-8":
        try:
            return DecodedText(raw.decode(declared_name), declared_name)
        except UnicodeDecodeError:
            pass
    if b"\x00" in raw[:8192]:
        plausible = _plausible_utf16(raw)
        if plausible is not None:
            return DecodedText(*plausible)
        raise ReadError("binary file: contains NUL bytes")
    lenient = raw.decode("utf-8", errors="replace")
    replaced = lenient.count("\ufffd") - raw.decode("utf-8", errors="ignore").count("\ufffd")
    if replaced <= max(1, int(len(raw) * MAX_REPLACED_SHARE)):
        return DecodedText(lenient, "utf-8", replaced)
    return _detect(raw)


def _strict(raw: bytes, name: str) -> DecodedText:
    try:
        return DecodedText(raw.decode(name), name)
    except UnicodeDecodeError as error:
        raise ReadError(f"invalid {name} byte sequence at byte {error.start}") from None


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 text without a BOM shows NUL in every other byte for ASCII-heavy text."""
    sample = raw[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def _plausible_utf16(raw: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM and with little ASCII (Chinese text): decodes strictly to
    printable text. Random binary fails on unpaired surrogates or control characters."""
    if len(raw) % 2:
        return None
    for name in ("utf-16-le", "utf-16-be"):
        try:
            text = raw.decode(name)
        except UnicodeDecodeError:
            continue
        printable = sum(1 for char in text if char.isprintable() or char in "\n\t\r")
        if printable >= 0.98 * len(text):
            return text, name
    return None


def _codec_name(label: str) -> str | None:
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return _SUPERSETS.get(name, name)


#: Legacy encodings this project's articles come in, tried before general detection, which
#: misreads short Chinese texts (a GBK headline can look like Korean cp949 to it).
_CHINESE_CANDIDATES = ("gb18030", "big5hkscs")
#: A decoding whose characters are at least this plausible is taken without further guessing.
MIN_PLAUSIBLE = 0.9


@lru_cache(maxsize=65536)
def _is_common_hanzi(char: str) -> bool:
    """In GB2312 level 1 (the 3,755 most used simplified characters) or Big5 level 1 (the
    5,401 most used traditional ones): mis-decoded bytes land on rare characters instead."""
    try:
        gb = char.encode("gb2312")
        if len(gb) == 2 and 0xB0 <= gb[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        big5 = char.encode("big5")
        return len(big5) == 2 and 0xA440 <= int.from_bytes(big5, "big") <= 0xC67E
    except UnicodeEncodeError:
        return False


def _chinese_plausibility(text: str) -> float:
    """Share of characters that are ASCII, common hanzi or CJK punctuation."""
    if not text:
        return 0.0
    good = 0
    for char in text:
        code = ord(char)
        if code < 0x80 or 0x3000 <= code <= 0x303F or 0xFF01 <= code <= 0xFF5E:
            good += 1
        elif 0x4E00 <= code <= 0x9FFF and _is_common_hanzi(char):
            good += 1
        elif char in "“”‘’…—·":
            good += 1
    return good / len(text)


def _detect(raw: bytes) -> DecodedText:
    best_name, best_text, best_score = "", "", 0.0
    for name in _CHINESE_CANDIDATES:
        try:
            text = raw.decode(name)
        except UnicodeDecodeError:
            continue
        score = _chinese_plausibility(text)
        if score > best_score:
            best_name, best_text, best_score = name, text, score
    if best_score >= MIN_PLAUSIBLE:
        return DecodedText(best_text, best_name)
    try:
        western = raw.decode("cp1252")
    except UnicodeDecodeError:
        western = ""
    if western and sum(char.isascii() for char in western) >= 0.9 * len(western):
        return DecodedText(western, "cp1252")
    return _detect_with_charset_normalizer(raw)


def _detect_with_charset_normalizer(raw: bytes) -> DecodedText:
    from charset_normalizer import from_bytes  # imported lazily: most input is UTF-8

    best = from_bytes(raw).best()
    if best is None or best.encoding is None:
        raise ReadError("invalid byte sequences: not UTF-8 and no known encoding fits")
    name = _codec_name(best.encoding) or best.encoding
    try:
        text = raw.decode(name)
    except (UnicodeDecodeError, LookupError):
        text = str(best)
    if best.chaos > 0.3:
        raise ReadError(f"invalid byte sequences: best guess {name} still looks garbled")
    return DecodedText(text, name)
