"""Consistency reports for editors: which figures do not survive recomputation, by how much, why.

`gather_report` reads everything from the knowledge base in bulk; `render` turns the result
into one of `FORMATS`. Each format lives in its own module, imported only when used.
"""

from __future__ import annotations

import importlib

from kb.report.gather import Report, ReportProblem, ReportScope, gather_report

#: format name -> (module, function) that turns a Report into text.
FORMATS: dict[str, tuple[str, str]] = {
    "html": ("kb.report.html", "render_html"),
    "md": ("kb.report.markdown", "render_markdown"),
    "json": ("kb.report.json", "render_json"),
    "claimreview": ("kb.report.claimreview", "render_claimreview"),
}


def render(report: Report, output_format: str) -> str:
    """``report`` as text in ``output_format`` (a key of FORMATS)."""
    module_name, function_name = FORMATS[output_format]
    renderer = getattr(importlib.import_module(module_name), function_name)
    text: str = renderer(report)
    return text


__all__ = ["FORMATS", "Report", "ReportProblem", "ReportScope", "gather_report", "render"]
