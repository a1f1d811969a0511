"""The extractor's word lists, loaded once from `unit_words.toml` and `cues.toml`.

Editors change words in the TOML files; this module validates them (naming the bad key) and
compiles them into the regular expressions the scanner uses. Nothing here knows any article.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from claims.model import KINDS

UNIT_WORDS_FILE = Path(__file__).with_name("unit_words.toml")
CUES_FILE = Path(__file__).with_name("cues.toml")


class VocabularyError(ValueError):
    """A word list file is malformed; the message names the file and key."""


@dataclass(frozen=True, slots=True)
class UnitWord:
    """What a unit word after a number means: ``value_written * scale`` is in ``unit``."""

    word: str
    unit: str
    scale: float
    kind: str
    power_of_ten: bool = False
    calendar: str | None = None


def _is_ascii_word(word: str) -> bool:
    return word[-1:].isascii() and word[-1:].isalpha()


def alternation(words: Iterable[str], ignore_case_ascii: bool = True) -> str:
    """A regex alternation of ``words``, longest first, with ASCII words bounded on the right.

    Spaces in a word match any run of spaces (including none), hyphens match a hyphen or a
    space, so "GPU hours", "GPU-hours" and "GPU  hours" are one entry.
    """
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        pattern = ""
        for ch in word:
            if ch == " ":
                pattern += r"\s*"
            elif ch == "-" and pattern:
                pattern += r"[-\s]?"
            else:
                pattern += re.escape(ch)
        if _is_ascii_word(word):
            pattern += r"(?![A-Za-z0-9])"
        if ignore_case_ascii and word.isascii() and any(c.isalpha() for c in word):
            if len(word) > 3 and word.lower() == word:
                pattern = f"(?i:{pattern})"
        parts.append(pattern)
    return "(?:" + "|".join(parts) + ")"


@dataclass(frozen=True, slots=True)
class Vocabulary:
    units: dict[str, UnitWord]
    unit_re: re.Pattern[str]
    counters_chinese: frozenset[str]
    counters_chip: frozenset[str]
    counter_re: re.Pattern[str]
    english_counter_re: re.Pattern[str]
    adjective_re: re.Pattern[str]
    before_cue_re: re.Pattern[str]
    before_cue_kind: dict[str, str]
    approx_after_re: re.Pattern[str]
    after_cue_starts: frozenset[str]
    upper_after_re: re.Pattern[str]
    lower_after_re: re.Pattern[str]
    several: tuple[str, ...]
    order_of: tuple[str, ...]
    per_chip_words: tuple[str, ...]
    total_words: tuple[str, ...]
    precision_re: re.Pattern[str]
    precision_by_word: dict[str, str]
    sparse_re: re.Pattern[str]
    per_after_re: re.Pattern[str]
    per_before_re: re.Pattern[str]
    per_by_word: dict[str, str]
    per_year_before_re: re.Pattern[str]
    kind_cues: dict[str, tuple[str, ...]]
    kind_cue_re: re.Pattern[str]
    kind_by_cue: dict[str, str]


def _strings(table: dict, key: str, where: str) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise VocabularyError(f"{where}: {key!r} must be a list of non-empty strings")
    return value


@cache
def vocabulary() -> Vocabulary:
    """The loaded, validated vocabulary (built once per process)."""
    with UNIT_WORDS_FILE.open("rb") as handle:
        unit_data = tomllib.load(handle)
    with CUES_FILE.open("rb") as handle:
        cue_data = tomllib.load(handle)

    units: dict[str, UnitWord] = {}
    for index, entry in enumerate(unit_data.get("unit", [])):
        where = f"{UNIT_WORDS_FILE.name} [[unit]] #{index + 1}"
        for key in ("words", "unit", "scale", "kind"):
            if key not in entry:
                raise VocabularyError(f"{where}: missing {key!r}")
        if entry["kind"] not in KINDS:
            raise VocabularyError(f"{where}: kind {entry['kind']!r} is not one of KINDS")
        for word in _strings(entry, "words", where):
            units[word] = UnitWord(
                word=word,
                unit=str(entry["unit"]),
                scale=float(entry["scale"]),
                kind=str(entry["kind"]),
                power_of_ten=bool(entry.get("power_of_ten", False)),
                calendar=entry.get("calendar"),
            )
    counters = unit_data.get("counters", {})
    where = f"{UNIT_WORDS_FILE.name} [counters]"
    counters_chinese = _strings(counters, "chinese", where)
    counters_chip = _strings(counters, "chip", where)
    english_counters = _strings(counters, "english", where)

    def cue_list(section: str, key: str) -> list[str]:
        return _strings(cue_data.get(section, {}), key, f"{CUES_FILE.name} [{section}]")

    def after_re(words: list[str]) -> re.Pattern[str]:
        return re.compile(r"\s*" + alternation(words))

    precision_by_word: dict[str, str] = {}
    for canonical, _words in cue_data.get("precision", {}).items():
        if canonical == "sparse":
            continue
        for word in _strings(cue_data["precision"], canonical, f"{CUES_FILE.name} [precision]"):
            precision_by_word[word.lower()] = canonical
    per_by_word: dict[str, str] = {}
    per_table = cue_data.get("per", {})
    for canonical, _words in per_table.items():
        if canonical == "per_year_before":
            continue
        for word in _strings(per_table, canonical, f"{CUES_FILE.name} [per]"):
            per_by_word[word.lower()] = canonical
    per_words_re = alternation(per_by_word)
    kind_cues: dict[str, tuple[str, ...]] = {}
    kind_by_cue: dict[str, str] = {}
    for kind, _words in cue_data.get("kind_cues", {}).items():
        if kind not in KINDS:
            raise VocabularyError(f"{CUES_FILE.name} [kind_cues]: {kind!r} is not one of KINDS")
        kind_cues[kind] = tuple(_strings(cue_data["kind_cues"], kind, "kind_cues"))
        for word in kind_cues[kind]:
            kind_by_cue.setdefault(word.lower(), kind)

    return Vocabulary(
        units=units,
        unit_re=re.compile(alternation(units)),
        counters_chinese=frozenset(counters_chinese),
        counters_chip=frozenset(counters_chip),
        counter_re=re.compile(r"\s*" + alternation(counters_chinese)),
        english_counter_re=re.compile(
            r"\s+(?:[A-Za-z-]+\s+)?" + alternation(english_counters) + r"(?![A-Za-z])"
        ),
        adjective_re=re.compile(
            alternation(_strings(unit_data.get("adjectives", {}), "english", "adjectives"))
            + r"[\s-]+",
            re.IGNORECASE,
        ),
        before_cue_re=_reversed_alternation(
            cue_list("approx", "before")
            + cue_list("bound_upper", "before")
            + cue_list("bound_lower", "before")
        ),
        before_cue_kind={
            **{squeeze(w): "≈" for w in cue_list("approx", "before")},
            **{squeeze(w): ">" for w in cue_list("bound_lower", "before")},
            **{squeeze(w): "<" for w in cue_list("bound_upper", "before")},
        },
        approx_after_re=after_re(cue_list("approx", "after")),
        after_cue_starts=frozenset(
            w[0].lower()
            for w in cue_list("approx", "after")
            + cue_list("bound_upper", "after")
            + cue_list("bound_lower", "after")
        ),
        upper_after_re=after_re(cue_list("bound_upper", "after")),
        lower_after_re=after_re(cue_list("bound_lower", "after")),
        several=tuple(cue_list("vague", "several")),
        order_of=tuple(cue_list("vague", "order_of")),
        per_chip_words=tuple(cue_list("scope", "per_chip")),
        total_words=tuple(cue_list("scope", "total")),
        precision_re=re.compile(
            r"(?<![A-Za-z0-9])"
            + alternation(precision_by_word, ignore_case_ascii=False)
            + r"(?![A-Za-z0-9])",
            re.IGNORECASE,
        ),
        precision_by_word=precision_by_word,
        sparse_re=re.compile(alternation(cue_list("precision", "sparse")), re.IGNORECASE),
        per_after_re=re.compile(
            r"\s*(?:/|(?i:per)\s+|每\s*|(?i:a|an)\s+)(?:(?:个|個)\s*)?"
            r"(?:[^\s,，。;；()（）]+\s+){0,2}?"
            r"(?P<per>" + per_words_re + r")",
            re.IGNORECASE,
        ),
        per_before_re=re.compile(
            r"(?:每|单位|單位)\s*(?:个|個)?\s*(?P<per>" + per_words_re + r")[^，,。；;]{0,16}$",
            re.IGNORECASE,
        ),
        per_by_word=per_by_word,
        per_year_before_re=re.compile(
            alternation(_strings(per_table, "per_year_before", "per")) + r"[^，,。；;]{0,12}$",
            re.IGNORECASE,
        ),
        kind_cues=kind_cues,
        # matched against lower-cased text, without IGNORECASE, so the engine can skip ahead
        kind_cue_re=re.compile(alternation(kind_by_cue, ignore_case_ascii=False)),
        kind_by_cue=kind_by_cue,
    )


def squeeze(word: str) -> str:
    """A cue word without spaces, lower-cased: the key of `before_cue_kind`."""
    return re.sub(r"\s+", "", word).lower()


def _reversed_alternation(words: list[str]) -> re.Pattern[str]:
    """Words written backwards, to be matched at the start of reversed text: reading the
    words just before a number is then one anchored match instead of a search."""
    parts = []
    for word in sorted(set(words), key=lambda w: len(squeeze(w)), reverse=True):
        backwards = word[::-1]
        pattern = "".join(r"\s*" if ch == " " else re.escape(ch) for ch in backwards)
        if word[0].isascii() and word[0].isalpha():
            pattern += "(?![A-Za-z])"  # "over" but not "moreover"
        parts.append(pattern)
    return re.compile(r"\s*(?:" + "|".join(parts) + ")", re.IGNORECASE)


def canonical_per(written: str) -> str:
    """The ``per`` qualifier for a written denominator ("百万 tokens" -> "1e6 token")."""
    table = vocabulary().per_by_word
    key = re.sub(r"\s+", " ", written.strip().lower())
    if key in table:
        return table[key]
    squeezed = key.replace(" ", "").replace("-", "")
    for word, canonical in table.items():
        if word.replace(" ", "").replace("-", "") == squeezed:
            return canonical
    return key


def unit_word(written: str) -> UnitWord | None:
    """The unit a written unit word stands for, tolerating the spacing `alternation` allows."""
    units = vocabulary().units
    if written in units:
        return units[written]
    exact, folded = _squeezed_units()
    squeezed = re.sub(r"[\s-]+", "", written)
    return exact.get(squeezed) or folded.get(squeezed.lower())


@cache
def _squeezed_units() -> tuple[dict[str, UnitWord], dict[str, UnitWord]]:
    exact: dict[str, UnitWord] = {}
    folded: dict[str, UnitWord] = {}
    for word, entry in vocabulary().units.items():
        squeezed = re.sub(r"[\s-]+", "", word)
        exact.setdefault(squeezed, entry)
        if len(squeezed) > 3:
            folded.setdefault(squeezed.lower(), entry)
    return exact, folded
