"""Where things are in a text: sentences, paragraphs, tables, and spans that hold no claims
(URLs, e-mail addresses, code, HTML markup, arXiv ids, dates, clock times, phone numbers).

Built once per text with a few regex scans; every lookup afterwards is a binary search, so
the extractor pays for sentence splitting only where it finds a number.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

# A sentence ends at Chinese/full-width terminators, at a newline, or at ". " / "? " / "! ".
#: A sentence ends at 。！？；!?; (and closing quotes after them), a line break, or a full stop
#: before a space (not after a digit: "1. ") or at the end. The first character is matched
#: as a class, so the engine skips ahead fast (three times faster than an alternation).
_SENTENCE_END = re.compile(
    r"[。！？；!?;\n.](?:(?<=[。！？；!?;])[。！？；!?;]*[”’\"'）)]*|(?<=\n)|(?<=\.)(?:(?=\s)(?<!\d\.)|$))"
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u3000]*\n\s*")
_SENTENCE_FINAL = frozenset("。！？；!?;.:：，,、")
#: A line of code or markup is no heading ("client = OpenAI()", "{candidate}").
_CODE_LIKE = re.compile(r"[=(){}\[\]<>#`\"]|\bimport\b")

_UNFENCED_CODE = re.compile(
    r"(?m)^[ \t]*(?:def \w+\(|return |print\(|import \w|from [\w.]+ import |class \w+[(:]"
    r"|if __name__)[^\n]*"
)
#: Spans whose digits are never quantities, each with a substring that must occur in the text
#: for the pattern to be worth a scan (most texts have no code, HTML, URL or e-mail).
_EXCLUDED: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("```", re.compile(r"```.*?(?:```|\Z)", re.DOTALL)),  # fenced code
    ("`", re.compile(r"`[^`\n]{1,200}`")),  # inline code
    ("<", re.compile(r"<[A-Za-z/!][^<>\n]{0,2000}>")),  # HTML tags and comments
    ("&", re.compile(r"&#?[A-Za-z0-9]{1,8};(?<!&lt;)(?<!&gt;)")),  # entities except < >
    ("://", re.compile(r"(?:https?|ftp)://[^\s<>\"'）)\]]+")),  # URLs
    ("www.", re.compile(r"www\.[^\s<>\"'）)\]]+")),
    ("](", re.compile(r"\]\([^)\s]*\)")),  # Markdown link targets
    ("@", re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z0-9.-]+")),
    ("rxiv", re.compile(r"(?i:arxiv)[:\s]*\d{4}\.\d{4,5}(?:v\d+)?")),  # arXiv ids
    # code whose fences a page lost: Python statements that open a line (scanned only in
    # texts with a function definition, an import or a print call)
    *((needle, _UNFENCED_CODE) for needle in ("def ", "import ", "print(")),
)
#: Read at a number's first digit: digits that are ids, dates, clock times, phone numbers,
#: tickers or versions.
LOCAL_EXCLUDED = re.compile(
    r"(?:0[7-9]|[12]\d)(?:0[1-9]|1[0-2])\.\d{4,5}(?:v\d+)?(?![\d.])"  # bare arXiv ids (YYMM.NNNNN)
    r"(?!\s*(?:[A-Za-z%$€]|[万亿億萬倍个個张張片块颗美元]))"
    r"|(?:19|20)\d\d[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])(?!\d)"  # dates
    r"|(?:[01]\d|2[0-3]|[02-9]):[0-5]\d(?::[0-5]\d)?(?:\s*[AaPp]\.?[Mm]\.?)?(?![\d:])"
    r"|1:[0-5]\d(?::[0-5]\d)?\s*[AaPp]\.?[Mm]\.?"  # 1:30 PM (1:32 alone: a ratio)
    r"|\d{1,3}[ -]\(?\d{2,4}\)?[ -]\d{3,4}[ -]\d{3,4}(?!\d)"  # phone numbers
    r"|1[3-9]\d{9}(?![\d.,])(?!\s*(?:[A-Za-z%$]|[万亿億萬倍个個张張]))"  # mainland mobiles
    r"|\d{3,4}-\d{7,8}(?!\d)"  # landlines
    r"|\d{4,6}\.(?:HK|SH|SZ|SS|T|KS)\b"  # stock tickers
    r"|\d+\.\d+\.\d+(?:\.\d+)*(?!\d)"  # dotted versions 1.2.3
)
_VERSION_WORD = re.compile(r"(?i:version\s|ver\.?\s?)\d+(?:\.\d+)+")

#: `$…$` LaTeX maths: the dollar signs are delimiters, not currency.
_LATEX = re.compile(r"\$(?=\S)([^$\n]{1,80}?)(?<=\S)\$(?!\d)")
_LATEX_HINT = re.compile(r"[\\^{}=]|\d/\d")


@dataclass(slots=True)
class TableCell:
    start: int
    end: int
    row_header: str
    column_header: str
    row_cells: list[str] = field(default_factory=list)
    table_start: int = 0
    table_end: int = 0


class Segments:
    """Sentences, paragraphs, tables and excluded spans of one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._sentence_ends: list[int] | None = None
        self._sentence_cache: dict[int, tuple[int, int]] = {}
        self._paragraph_starts: list[int] | None = None
        self._headings: list[tuple[int, int]] | None = None
        self._excluded_starts: list[int] = []
        self._excluded_ends: list[int] = []
        spans: list[tuple[int, int]] = []
        for needle, pattern in _EXCLUDED:
            if needle in text:
                spans.extend(m.span() for m in pattern.finditer(text))
        if "ver" in text:
            spans.extend(m.span() for m in _VERSION_WORD.finditer(text))
        spans.sort()
        for start, end in spans:
            if self._excluded_ends and start < self._excluded_ends[-1]:
                self._excluded_ends[-1] = max(self._excluded_ends[-1], end)
                continue
            self._excluded_starts.append(start)
            self._excluded_ends.append(end)
        self.latex_dollars: set[int] = set()
        if "$" in text:
            for match in _LATEX.finditer(text):
                if _LATEX_HINT.search(match.group(1)):
                    self.latex_dollars.add(match.start())
                    self.latex_dollars.add(match.end() - 1)
        self._cells: dict[int, TableCell] | None = None
        self.has_tables = "\t" in text or "|" in text
        self._cell_starts: list[int] = []

    # --- excluded spans -------------------------------------------------------------
    def excluded(self, position: int) -> int | None:
        """The end of the excluded span containing ``position``, or None (a number starting
        at ``position`` that is a date, time, phone number or version counts too)."""
        local = LOCAL_EXCLUDED.match(self.text, position)
        if local is not None:
            return local.end()
        index = bisect_right(self._excluded_starts, position) - 1
        if index >= 0 and position < self._excluded_ends[index]:
            return self._excluded_ends[index]
        return None

    # --- sentences and paragraphs -----------------------------------------------------
    def _ensure_sentences(self) -> list[int]:
        if self._sentence_ends is None:
            self._sentence_ends = [m.end() for m in _SENTENCE_END.finditer(self.text)]
        return self._sentence_ends

    def sentence(self, position: int) -> tuple[int, int]:
        """``(start, end)`` of the sentence holding ``position`` (stripped of outer space)."""
        ends = self._sentence_ends
        if ends is None:
            ends = self._ensure_sentences()
        index = bisect_right(ends, position)
        cached = self._sentence_cache.get(index)
        if cached is not None:
            return cached
        cached = self._sentence_at(ends, index)
        self._sentence_cache[index] = cached
        return cached

    def _sentence_at(self, ends: list[int], index: int) -> tuple[int, int]:
        start = ends[index - 1] if index > 0 else 0
        end = ends[index] if index < len(ends) else len(self.text)
        text = self.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end

    def previous_sentence(self, start: int) -> tuple[int, int] | None:
        """The sentence before the one starting at ``start`` in the same paragraph, if any."""
        if start <= 0:
            return None
        position = start - 1
        while position > 0 and self.text[position].isspace():
            position -= 1  # a line break after "。" ends an empty sentence: skip it
        previous = self.sentence(position)
        if previous[1] > start or previous[0] >= start:
            return None
        gap = self.text[previous[1] : start]
        if _PARAGRAPH_BREAK.search(gap) or previous[0] == previous[1]:
            return None
        return previous

    def paragraph(self, position: int) -> int:
        """Index of the blank-line separated block holding ``position`` (0-based)."""
        if self._paragraph_starts is None:
            self._paragraph_starts = [m.end() for m in _PARAGRAPH_BREAK.finditer(self.text)]
        return bisect_right(self._paragraph_starts, position)

    def headings(self) -> list[tuple[int, int]]:
        """``(start, end)`` of the headings: one-line blocks of at most 60 characters that do
        not end a sentence ("現成的工程模式:Best-of-N with Verification")."""
        if self._headings is None:
            self._headings = []
            text = self.text
            starts = [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]
            for start in starts:
                end = text.find("\n", start)
                end = len(text) if end < 0 else end
                line = text[start:end].strip()
                if (
                    line
                    and len(line) <= 60
                    and line[-1] not in _SENTENCE_FINAL
                    and (end == len(text) or _PARAGRAPH_BREAK.match(text, end))
                    and not _CODE_LIKE.search(line)
                ):
                    self._headings.append((start, end))
        return self._headings

    # --- tables ------------------------------------------------------------------------
    def cell(self, position: int) -> TableCell | None:
        """The table cell holding ``position`` (tab- or pipe-separated rows), or None."""
        if self._cells is None:
            self._cells = _table_cells(self.text)
            self._cell_starts = sorted(self._cells)
        if not self._cells:
            return None
        index = bisect_right(self._cell_starts, position) - 1
        if index < 0:
            return None
        cell = self._cells[self._cell_starts[index]]
        return cell if cell.start <= position < cell.end else None


def _split_row(line: str) -> list[tuple[int, int]]:
    """Cell spans of one table row, relative to the line."""
    separator = "\t" if "\t" in line else "|"
    spans = []
    position = 0
    for part in line.split(separator):
        spans.append((position, position + len(part)))
        position += len(part) + 1
    if separator == "|":
        spans = [s for s in spans if line[s[0] : s[1]].strip() or s[0] not in (0,)]
    return spans


def _is_table_line(line: str) -> bool:
    return line.count("\t") >= 1 or (line.strip().startswith("|") and line.count("|") >= 3)


def _table_cells(text: str) -> dict[int, TableCell]:
    """Every cell of every table (two or more consecutive table lines), keyed by start."""
    if "\t" not in text and "|" not in text:
        return {}
    cells: dict[int, TableCell] = {}
    lines: list[tuple[int, str]] = []
    position = 0
    for line in text.split("\n"):
        lines.append((position, line))
        position += len(line) + 1
    index = 0
    while index < len(lines):
        if not _is_table_line(lines[index][1]):
            index += 1
            continue
        block_end = index
        while block_end < len(lines) and _is_table_line(lines[block_end][1]):
            block_end += 1
        if block_end - index >= 2:
            _add_block(lines[index:block_end], cells)
        index = block_end
    return cells


def _add_block(block: list[tuple[int, str]], cells: dict[int, TableCell]) -> None:
    header_offset, header_line = block[0]
    table_end = block[-1][0] + len(block[-1][1])
    header_cells = [header_line[a:b].strip() for a, b in _split_row(header_line)]
    row_header = ""
    for line_start, line in block[1:]:
        if set(line.strip()) <= set("|-: "):
            continue  # Markdown separator row
        spans = _split_row(line)
        texts = [line[a:b].strip() for a, b in spans]
        first = texts[0] if texts else ""
        if first:
            row_header = first
        for column, (a, b) in enumerate(spans):
            if column == 0 and first:
                continue
            column_header = header_cells[column] if column < len(header_cells) else ""
            cell = TableCell(
                start=line_start + a,
                end=line_start + b,
                row_header=row_header,
                column_header=column_header,
                row_cells=texts,
                table_start=header_offset,
                table_end=table_end,
            )
            cells[line_start + a] = cell
