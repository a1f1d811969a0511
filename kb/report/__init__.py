"""Consistency reports for editors: which figures do not survive recomputation, by how much, why.

`gather_report` reads everything from the knowledge base in bulk; `render` turns the result
into one of `FORMATS`. Each format lives in its own module, imported only when used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator

from kb.report.gather import Report, ReportProblem, ReportScope, gather_report

#: format name -> (module, function) that yields a Report as text, piece by piece.
FORMATS: dict[str, tuple[str, str]] = {
    "html": ("kb.report.html", "iter_html"),
    "md": ("kb.report.markdown", "iter_markdown"),
    "json": ("kb.report.json", "iter_json"),
    "claimreview": ("kb.report.claimreview", "iter_claimreview"),
}


def iter_render(report: Report, output_format: str) -> Iterator[str]:
    """``report`` in ``output_format`` (a key of FORMATS), in pieces to write one by one:
    a report over 200,000 claims never has to sit in memory as one string."""
    module_name, function_name = FORMATS[output_format]
    renderer: Callable[[Report], Iterator[str]] = getattr(
        importlib.import_module(module_name), function_name
    )
    return renderer(report)


def render(report: Report, output_format: str) -> str:
    """``report`` as one string in ``output_format``."""
    return "".join(iter_render(report, output_format))


__all__ = [
    "FORMATS",
    "Report",
    "ReportProblem",
    "ReportScope",
    "gather_report",
    "iter_render",
    "render",
]
