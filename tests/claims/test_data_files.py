"""The word lists and the gazetteer are data files editors change: a mistake must give a
clear error naming the file and entry, not a traceback from deep inside the extractor."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from claims import entities, vocabulary


@pytest.fixture
def fresh_caches() -> Iterator[None]:
    vocabulary.vocabulary.cache_clear()
    entities.gazetteer.cache_clear()
    yield
    vocabulary.vocabulary.cache_clear()
    entities.gazetteer.cache_clear()


def test_shipped_files_load(fresh_caches: None) -> None:
    assert vocabulary.vocabulary().units["美元"].unit == "USD"
    assert entities.lookup("H100") is not None


def test_unit_word_with_unknown_kind_names_the_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_caches: None
) -> None:
    bad = tmp_path / "unit_words.toml"
    bad.write_text(
        '[[unit]]\nwords = ["widgets"]\nunit = "dimensionless"\nscale = 1\nkind = "widgetry"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(vocabulary, "UNIT_WORDS_FILE", bad)
    with pytest.raises(vocabulary.VocabularyError, match=r"unit_words.toml \[\[unit\]\] #1"):
        vocabulary.vocabulary()


def test_unit_word_missing_a_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_caches: None
) -> None:
    bad = tmp_path / "unit_words.toml"
    bad.write_text('[[unit]]\nwords = ["widgets"]\nunit = "dimensionless"\n', encoding="utf-8")
    monkeypatch.setattr(vocabulary, "UNIT_WORDS_FILE", bad)
    with pytest.raises(vocabulary.VocabularyError, match="missing 'scale'"):
        vocabulary.vocabulary()


def test_entity_with_unknown_kind_names_the_entity(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_caches: None
) -> None:
    bad = tmp_path / "entities.toml"
    bad.write_text(
        'name_prefixes = ["GPT"]\n[[entity]]\nname = "Foo-1"\nkind = "gizmo"\naliases = []\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(entities, "ENTITIES_FILE", bad)
    with pytest.raises(entities.GazetteerError, match=r"Foo-1.*gizmo"):
        entities.gazetteer()
