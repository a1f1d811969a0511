"""The one output option every listing command shares: --format table|jsonl|csv|json."""

from __future__ import annotations

import csv
import json
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Any, TextIO, TypeVar

import click

FORMATS = ("table", "jsonl", "csv", "json")
F = TypeVar("F", bound=Callable[..., Any])


def format_option(default: str = "table") -> Callable[[F], F]:
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(FORMATS),
        default=default,
        show_default=True,
        help="Output format.",
    )


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=_json_default)
    return safe_text(str(value))


def safe_text(text: str) -> str:
    """Text from articles printed to a terminal: control characters and escapes made visible."""
    return "".join(
        ch if ch.isprintable() or ch == " " else repr(ch)[1:-1] for ch in text.replace("\n", " ")
    )


def write_rows(
    rows: Iterable[dict[str, Any]],
    columns: Sequence[str],
    output_format: str,
    stream: TextIO | None = None,
    widths: dict[str, int] | None = None,
) -> int:
    """Write ``rows`` (dicts) in ``output_format``; returns how many were written."""
    out = stream or sys.stdout
    count = 0
    if output_format == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, default=_json_default) + "\n")
            count += 1
    elif output_format == "json":
        materialised = list(rows)
        json.dump(materialised, out, ensure_ascii=False, default=_json_default, indent=2)
        out.write("\n")
        count = len(materialised)
    elif output_format == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in columns])
            count += 1
    else:
        widths = widths or {}
        materialised = [[_cell(row.get(c)) for c in columns] for row in rows]
        count = len(materialised)
        sizes = [
            min(widths.get(c, 40), max([len(c)] + [display_width(r[i]) for r in materialised]))
            for i, c in enumerate(columns)
        ]
        out.write("  ".join(_pad(c, sizes[i]) for i, c in enumerate(columns)).rstrip() + "\n")
        for r in materialised:
            cells = [_pad(_clip(v, sizes[i]), sizes[i]) for i, v in enumerate(r)]
            out.write("  ".join(cells).rstrip() + "\n")
    return count


def display_width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - display_width(text), 0)


def _clip(text: str, width: int) -> str:
    if display_width(text) <= width:
        return text
    kept, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        kept.append(ch)
        used += w
    return "".join(kept) + "…"
