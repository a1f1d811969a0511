"""How article text, verdicts and figures become Rich `Text` for the screens.

Article text is data. It is never parsed as markup (always ``Text(...)``, never
``Text.from_markup``), and control characters, escape sequences and bidi overrides are
replaced by visible stand-ins before they reach the terminal, so an article cannot change the
display, open links or run anything. A verdict always carries a word and a symbol, so it reads
without colour.
"""

from __future__ import annotations

import math
import unicodedata

from rich.cells import cell_len, set_cell_size
from rich.style import Style
from rich.text import Text

#: Symbol and word for each verdict badge; the style is a second carrier, never the only one.
VERDICT_SYMBOLS: dict[str, str] = {
    "inconsistent": "✗",
    "questionable": "?",
    "consistent": "✓",
    "unchecked": "·",
    "reviewed": "✎",
}

VERDICT_STYLES: dict[str, Style] = {
    "inconsistent": Style(color="red", bold=True),
    "questionable": Style(color="yellow", bold=True),
    "consistent": Style(color="green"),
    "unchecked": Style(dim=True),
    "reviewed": Style(color="cyan", bold=True),
}

#: How a claim's span is marked inside article text, by verdict (background, so the letters
#: stay readable); the current claim is reversed on top of this.
SPAN_STYLES: dict[str, Style] = {
    "inconsistent": Style(bgcolor="dark_red", color="white", underline=True),
    "questionable": Style(bgcolor="yellow4", color="white", underline=True),
    "consistent": Style(bgcolor="dark_green", color="white", underline=True),
    "unchecked": Style(bgcolor="grey23", underline=True),
    "reviewed": Style(bgcolor="dark_cyan", color="white", underline=True),
}

CURRENT_SPAN = Style(reverse=True, bold=True)

#: Bidi controls reorder what follows them on screen; shown as their code point instead.
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def _stand_in(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟, e.g. ESC becomes ␛
    if code == 0x7F:
        return "␡"
    return f"<U+{code:04X}>"


def printable(text: str, keep_newlines: bool = True) -> str:
    """``text`` with every control character made visible; newlines kept if asked, tabs as
    spaces. Lengths may change, so highlight spans on the result via `printable_spans`."""
    return "".join(_printable_char(ch, keep_newlines) for ch in text)


def _printable_char(char: str, keep_newlines: bool) -> str:
    if char == "\n":
        return "\n" if keep_newlines else " "
    if char == "\t":
        return "    " if keep_newlines else " "
    if char == "\r":
        return "" if keep_newlines else " "
    if char in _BIDI_CONTROLS or unicodedata.category(char) == "Cc":
        return _stand_in(char)
    return char


def one_line(text: str, limit: int | None = None) -> str:
    """Article text squeezed onto one line (for table cells), made printable, and clipped
    with an ellipsis to ``limit`` terminal cells."""
    flat = " ".join(printable(text, keep_newlines=False).split())
    if limit is not None and cell_len(flat) > limit:
        # clip by terminal cells, not characters: CJK characters take two cells each
        return set_cell_size(flat, max(limit - 1, 0)).rstrip() + "…"
    return flat


def safe_text(text: str, style: str | Style = "") -> Text:
    """Article text as a Rich Text: literal, printable, never markup."""
    return Text(printable(text), style=style)


def highlighted_text(
    text: str,
    spans: list[tuple[int, int, Style]],
    marks: dict[int, str] | None = None,
) -> Text:
    """``text`` made printable with ``spans`` (offsets into the original ``text``) styled, and
    ``marks`` (original offset -> label) inserted as visible tags, e.g. a verdict symbol after
    each claim so the verdict reads without colour.

    Offsets are mapped through `printable`, whose stand-ins can be longer than the characters
    they replace.
    """
    marks = marks or {}
    pieces: list[str] = []
    # where each original offset lands: spans start after a mark inserted there, end before it
    start_at: list[int] = []
    end_at: list[int] = []
    mark_ranges: list[tuple[int, int]] = []
    position = 0
    for index in range(len(text) + 1):
        end_at.append(position)
        if index in marks:
            label = marks[index]
            pieces.append(label)
            mark_ranges.append((position, position + len(label)))
            position += len(label)
        start_at.append(position)
        if index < len(text):
            piece = _printable_char(text[index], keep_newlines=True)
            pieces.append(piece)
            position += len(piece)
    result = Text("".join(pieces))
    for start, end, style in spans:
        start = min(max(start, 0), len(text))
        end = min(max(end, start), len(text))
        result.stylize(style, start_at[start], max(end_at[end], start_at[start]))
    for start, end in mark_ranges:
        result.stylize(Style(bold=True), start, end)
    return result


def verdict_badge(verdict: str) -> Text:
    """``✗ inconsistent`` styled by verdict; unknown verdicts shown as they are."""
    symbol = VERDICT_SYMBOLS.get(verdict, "•")
    return Text(f"{symbol} {one_line(verdict)}", style=VERDICT_STYLES.get(verdict, Style()))


def verdict_mark(verdict: str) -> str:
    """The short tag put after a claim in article text: ``⟦✗⟧``."""
    return f"⟦{VERDICT_SYMBOLS.get(verdict, '•')}⟧"


GAUGE_WIDTH = 36


def gauge(
    claimed: float | None,
    low: float | None,
    high: float | None,
    width: int = GAUGE_WIDTH,
) -> Text | None:
    """A log-scale bar: the expected band as ``═``, the claimed value as ``●``, with the
    scale's ends as powers of ten. None when there is nothing to draw (no positive figures)."""
    figures = [v for v in (claimed, low, high) if v is not None and v > 0 and math.isfinite(v)]
    if claimed is None or claimed <= 0 or len(figures) < 2:
        return None
    lowest = math.floor(math.log10(min(figures))) - 1
    highest = math.ceil(math.log10(max(figures))) + 1
    span = highest - lowest

    def column(value: float) -> int:
        fraction = (math.log10(value) - lowest) / span
        return min(width - 1, max(0, round(fraction * (width - 1))))

    cells = ["─"] * width
    band_style: list[bool] = [False] * width
    band_low = low if low is not None and low > 0 else None
    band_high = high if high is not None and high > 0 else None
    if band_low is not None or band_high is not None:
        first = column(band_low) if band_low is not None else 0
        last = column(band_high) if band_high is not None else width - 1
        for index in range(first, last + 1):
            cells[index] = "═"
            band_style[index] = True
    claimed_at = column(claimed)
    cells[claimed_at] = "●"
    bar = Text()
    bar.append(f"10{_superscript(lowest)} ", style="dim")
    for index, cell in enumerate(cells):
        if index == claimed_at:
            inside = band_style[index]
            bar.append(cell, style="bold green" if inside else "bold red")
        else:
            bar.append(cell, style="cyan" if band_style[index] else "dim")
    bar.append(f" 10{_superscript(highest)}", style="dim")
    bar.append("  ● claimed ═ band", style="dim")
    return bar


def _superscript(exponent: int) -> str:
    return str(exponent).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
