"""Text hygiene shared by every reader: newlines, control characters, blank-line runs.

Stored text must be safe to print on a terminal and stable for claim offsets, so:

- ``\\r\\n`` and lone ``\\r`` become ``\\n`` (as do U+2028/U+2029 separators);
- ANSI/VT escape sequences (``ESC [ ... m`` colours, ``ESC ] ... BEL`` titles) are removed whole,
  not just their ESC byte, so no ``[31m`` debris is left behind;
- every other C0/C1 control character, DEL and a stray BOM (U+FEFF) is removed, except ``\\n``
  and ``\\t`` (tabs separate table cells in PDF-extracted text);
- lines that hold only whitespace become empty, trailing spaces are dropped and runs of blank
  lines (page breaks in PDF extractions) collapse to one blank line.
"""

from __future__ import annotations

import re

_ANSI_ESCAPE = re.compile(
    r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC ... BEL / ST (terminal titles, hyperlinks)
    r"|\x1b\[[0-?]*[ -/]*[@-~]"  # CSI (colours, cursor moves)
    r"|\x1b[@-Z\\-_]"  # two-byte escapes
)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\ufffe]")
_BLANK_RUNS = re.compile(r"\n{3,}")
_MARKDOWN_ESCAPE = re.compile(r"\\([$*_\[\]#`|~<>{}])")


def normalize_newlines(text: str) -> str:
    """All line breaks as ``\\n``."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\u2028", "\n").replace("\u2029", "\n")


def strip_control_characters(text: str) -> str:
    """Remove terminal escapes and control characters, keeping newlines and tabs."""
    if "\x1b" in text:
        text = _ANSI_ESCAPE.sub("", text)
    return _CONTROL.sub("", text)


def tidy_text(text: str) -> str:
    """Newlines, control characters, trailing spaces and blank-line runs, in that order."""
    text = strip_control_characters(normalize_newlines(text))
    text = "\n".join([line.rstrip(" \t\u00a0\u3000") for line in text.split("\n")])
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip("\n")


def unescape_markdown(text: str) -> str:
    """``\\$5M`` -> ``$5M``: converters escape Markdown's special characters."""
    return _MARKDOWN_ESCAPE.sub(r"\1", text)
