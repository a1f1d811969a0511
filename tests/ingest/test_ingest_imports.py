"""`import ingest` stays cheap: parsers and the HTTP client load only when an input needs them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_import_ingest_loads_no_heavy_modules() -> None:
    code = (
        "import sys, ingest\n"
        "heavy = {'textual', 'rich', 'httpx', 'bs4', 'feedparser', 'charset_normalizer', "
        "'sqlalchemy', 'sqlmodel', 'kb', 'claims', 'checks', 'tui'}\n"
        "print(sorted(heavy & {name.split('.')[0] for name in sys.modules}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert result.stdout.strip() == "[]"
