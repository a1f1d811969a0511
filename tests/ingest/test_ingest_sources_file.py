"""sources.toml for scheduled runs: strict validation, errors that name the bad key."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import SourcesFileError, load_sources_file

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sources.toml"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_example_file_loads() -> None:
    inputs = load_sources_file(EXAMPLE)
    assert inputs and Path(inputs[0]).is_dir()


def test_inputs_in_order_with_paths_relative_to_the_file(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
[[source]]
feed = "https://example.org/feed.xml"
name = "feed"

[[source]]
path = "articles"

[[source]]
url = "https://example.org/page"
enabled = false

[[source]]
path = "/srv/absolute"
""",
    )
    assert load_sources_file(path) == [
        "https://example.org/feed.xml",
        str(tmp_path / "articles"),
        "/srv/absolute",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[source]]\nfead = "https://x.org/f"\n', "unknown key 'fead'"),
        ('[[source]]\nurl = "https://x.org"\nenabled = "yes"\n', "'enabled' must be a bool"),
        ('[[source]]\nname = "only a name"\n', "exactly one of"),
        ('[[source]]\nurl = "https://x.org"\npath = "a"\n', "exactly one of"),
        ('[[source]]\nurl = "ftp://x.org/a"\n', "only http and https"),
        ("[[source]]\nurl = 5\n", "'url' must be a str"),
        ('[[sources]]\nurl = "https://x.org"\n', "unknown top-level key 'sources'"),
        ("source = 3\n", "array of tables"),
        ('[[source]\nurl = "x"\n', "not valid TOML"),
    ],
)
def test_bad_files_name_the_problem(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(SourcesFileError, match=message) as error:
        load_sources_file(path)
    assert str(path) in str(error.value)
    assert "\n" not in str(error.value).strip()


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourcesFileError, match="no such file"):
        load_sources_file(tmp_path / "absent.toml")
