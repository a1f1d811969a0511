"""The gazetteer: lookups by any alias and spelling, mentions in text, validation."""

from __future__ import annotations

import pytest

from claims.entities import ENTITY_KINDS, all_entities, lookup, mentions


@pytest.mark.parametrize(
    ("written", "name", "kind"),
    [
        ("Grok 3", "Grok-3", "model"),
        ("grok3", "Grok-3", "model"),
        ("DeepSeek V3", "DeepSeek-V3", "model"),
        ("英伟达", "NVIDIA", "organisation"),
        ("輝達", "NVIDIA", "organisation"),
        ("H100s", "H100", "accelerator"),
        ("星际之门", "Stargate", "project"),
        ("星際之門", "Stargate", "project"),
        ("Colossus", "Colossus", "cluster"),
        ("Common Crawl", "Common Crawl", "dataset"),
    ],
)
def test_lookup_by_alias(written: str, name: str, kind: str) -> None:
    entity = lookup(written)
    assert entity is not None and entity.name == name and entity.kind == kind


def test_unknown_names_are_none() -> None:
    assert lookup("not a model at all") is None
    assert lookup("") is None


def test_every_entity_has_a_known_kind() -> None:
    assert all(entity.kind in ENTITY_KINDS for entity in all_entities())


def test_mentions_find_known_and_unseen_models() -> None:
    text = "Kimi-K2 和 GLM-4.5 对比 DeepSeek-R1，使用 BF16 训练。"
    found = [(m.entity.name, m.known) for m in mentions(text)]
    assert ("DeepSeek-R1", True) in found
    assert ("Kimi-K2", False) in found and ("GLM-4.5", False) in found
    assert all(name != "BF16" for name, _ in found)


def test_lower_case_common_words_are_not_names() -> None:
    assert mentions("meta-learning is not Meta")[0].start == len("meta-learning is not ")


def test_a_quoted_chinese_name_with_a_version_is_a_model() -> None:
    from claims.entities import mentions

    found = mentions("某公司披露“远山-2”使用了 1.6 万张 H100。")
    assert [m.entity.name for m in found if not m.known] == ["远山-2"]
