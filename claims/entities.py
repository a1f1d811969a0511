"""The entity gazetteer: models, accelerators, clusters, projects, organisations, datasets.

Loaded once from `entities.toml`. `lookup(name)` resolves any alias to its entity (kb/ calls
it to create Entity rows); `mentions(text)` finds every entity named in a text, plus names of
models the gazetteer does not know yet (CamelCase words with a version number, such as
"Kimi-K2" or "GLM-4.5"), so the extractor can pick subjects and skip digits inside names.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

ENTITIES_FILE = Path(__file__).with_name("entities.toml")
ENTITY_KINDS = (
    "model",
    "accelerator",
    "cluster",
    "organisation",
    "dataset",
    "project",
    "country",
    "method",
)


class GazetteerError(ValueError):
    """`entities.toml` is malformed; the message names the entry and key."""


@dataclass(frozen=True, slots=True)
class Entity:
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    #: A class of things rather than one ("reasoning models", "MoE"): a subject only when
    #: the sentence names nothing more specific.
    generic: bool = False


class Mention(NamedTuple):
    """An entity named in a text at ``[start, end)``; ``known`` is False for pattern matches."""

    start: int
    end: int
    entity: Entity
    known: bool


@dataclass(frozen=True, slots=True)
class Gazetteer:
    entities: tuple[Entity, ...]
    by_key: dict[str, Entity]
    known_re: re.Pattern[str]
    cjk_known_re: re.Pattern[str]
    name_prefix_re: re.Pattern[str]
    accelerator_re: re.Pattern[str]
    not_model_re: re.Pattern[str] | None


_SEPARATORS = re.compile(r"[\s_\-·]+")


def _key(name: str) -> str:
    """Spelling-insensitive key: case, spaces, hyphens and underscores ignored."""
    return _SEPARATORS.sub("", name).lower()


def _alias_tokens(alias: str) -> list[str]:
    """An alias as regex pieces: separators become optional, a letter-digit joint may take one."""
    tokens: list[str] = []
    previous = ""
    letters = 0  # length of the run of letters before a digit
    for ch in alias:
        if ch in " -_":
            if tokens and tokens[-1] != "SEP":
                tokens.append("SEP")
            previous = ""
            letters = 0
            continue
        if previous and previous.isascii() and ch.isascii():
            if previous.isalpha() != ch.isalpha() and (previous.isalnum() and ch.isalnum()):
                # "Grok 3", "DeepSeek V3", but not "a 100" for A100: a lone letter stays joined
                if not (previous.isalpha() and letters < 2):
                    tokens.append("SEP")
        letters = letters + 1 if ch.isalpha() else 0
        tokens.append(ch.lower())
        previous = ch
    return tokens


def _trie_regex(sequences: list[list[str]]) -> str:
    """One regex for many token sequences, factored by common prefix (fast to scan)."""
    trie: dict = {}
    for sequence in sequences:
        node = trie
        for token in sequence:
            node = node.setdefault(token, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends_here = "" in node
        branches = []
        for token in sorted((t for t in node if t), key=lambda t: (t == "SEP", t)):
            piece = r"[\s\-_·]?" if token == "SEP" else re.escape(token)
            branches.append(piece + emit(node[token]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends_here else body

    return emit(trie)


#: Names the gazetteer does not know: a capitalised word (optionally hyphenated words) with a
#: version number ("Kimi-K2", "GLM-4.5", "Phi-5-mini") or OpenAI-style "o5", "o3-pro".
UNSEEN_MODEL = (
    r"(?<![A-Za-z0-9])(?:[A-Z][A-Za-z]+(?:-[A-Z][A-Za-z]*)*-?[A-Z]?\d+(?:\.\d+)?[a-z]?"
    r"(?:-(?:[A-Za-z]+\d*|\d+[A-Za-z]+))*|o\d(?:-(?:mini|pro|preview|high|low))?)(?![A-Za-z0-9])"
)


#: Pattern matches that are precisions, quarters or halves, not models (BF16, FP8, Q3, H1).
_NOT_A_NAME = re.compile(r"(?i:bf|fp|tf|int|fp|mxfp|nvfp|uint)\d+|[A-Z]{1,2}\d{1,2}")


@cache
def gazetteer() -> Gazetteer:
    """The loaded, validated gazetteer (built once per process)."""
    with ENTITIES_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    entities: list[Entity] = []
    by_key: dict[str, Entity] = {}
    for index, entry in enumerate(data.get("entity", [])):
        where = f"{ENTITIES_FILE.name} [[entity]] #{index + 1}"
        name = entry.get("name")
        kind = entry.get("kind")
        aliases = entry.get("aliases", [])
        if not isinstance(name, str) or not name:
            raise GazetteerError(f"{where}: 'name' must be a non-empty string")
        if kind not in ENTITY_KINDS:
            raise GazetteerError(f"{where} ({name}): kind {kind!r} not in {ENTITY_KINDS}")
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
            raise GazetteerError(f"{where} ({name}): 'aliases' must be a list of strings")
        generic = entry.get("generic", False)
        if not isinstance(generic, bool):
            raise GazetteerError(f"{where} ({name}): 'generic' must be true or false")
        entity = Entity(name=name, kind=kind, aliases=tuple(aliases), generic=generic)
        entities.append(entity)
        for form in (name, *aliases):
            by_key.setdefault(_key(form), entity)
    prefixes = data.get("name_prefixes", [])
    if not isinstance(prefixes, list) or not all(isinstance(p, str) and p for p in prefixes):
        raise GazetteerError(f"{ENTITIES_FILE.name}: 'name_prefixes' must be a list of strings")

    forms = [form for e in entities for form in (e.name, *e.aliases)]
    ascii_forms = [form for form in forms if form[0].isascii()]
    cjk_forms = [form for form in forms if not form[0].isascii()]
    # both are matched against the lower-cased text, case-sensitively and without a
    # look-behind, so the regex engine skips ahead by first character (word starts are
    # checked afterwards); Chinese names are scanned only in texts that have them
    known_re = re.compile(_trie_regex([_alias_tokens(f) for f in ascii_forms]) + r"(?![a-z0-9])")
    cjk_known_re = re.compile(_trie_regex([_alias_tokens(f) for f in cjk_forms]) + r"(?![a-z0-9])")
    accelerator_forms = [
        form for e in entities if e.kind == "accelerator" for form in (e.name, *e.aliases)
    ]
    accelerator_re = re.compile(
        r"(?<![A-Za-z0-9])(?:"
        + _trie_regex([_alias_tokens(form) for form in accelerator_forms])
        + r")s?(?![A-Za-z0-9])",
        re.IGNORECASE,
    )
    # written backwards: matched at the start of the reversed text before a number
    backwards = "|".join(re.escape(p[::-1]) for p in sorted(set(prefixes), key=len, reverse=True))
    name_prefix_re = re.compile(rf"[\s\-]?(?:{backwards})(?![A-Za-z])")
    not_models = data.get("not_models", [])
    if not isinstance(not_models, list) or not all(isinstance(p, str) and p for p in not_models):
        raise GazetteerError(f"{ENTITIES_FILE.name}: 'not_models' must be a list of strings")
    try:
        not_model_re = re.compile("|".join(not_models)) if not_models else None
    except re.error as exc:
        raise GazetteerError(
            f"{ENTITIES_FILE.name}: 'not_models' has a bad pattern: {exc}"
        ) from exc
    return Gazetteer(
        entities=tuple(entities),
        by_key=by_key,
        known_re=known_re,
        cjk_known_re=cjk_known_re,
        name_prefix_re=name_prefix_re,
        accelerator_re=accelerator_re,
        not_model_re=not_model_re,
    )


def lookup(name: str) -> Entity | None:
    """The entity ``name`` refers to (any alias, any spelling of case and separators)."""
    if not isinstance(name, str):
        return None
    found = gazetteer().by_key.get(_key(name))
    if found is None and name.endswith("s"):
        found = gazetteer().by_key.get(_key(name[:-1]))
    return found


_ASCII_LOWER = {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}
_UNSEEN_CAPITALISED = re.compile(
    r"[A-Z][A-Za-z]+(?:-[A-Z][A-Za-z]*)*-?[A-Z]?\d+(?:\.\d+)?[a-z]?"
    r"(?:-(?:[A-Za-z]+\d*|\d+[A-Za-z]+))*(?![A-Za-z0-9])"
)
#: "Kimi K2", "MiniMax M1": a capitalised word and a letter-and-digit version.
_UNSEEN_SPACED = re.compile(r"[A-Z][A-Za-z]+ [A-Z]\d+(?:\.\d+)?(?![A-Za-z0-9])")
_UNSEEN_OPENAI = re.compile(r"o\d(?:-(?:mini|pro|preview|high|low))?(?![A-Za-z0-9])")
#: "“远山-2”", "「天穹-3.5」": a quoted Chinese name with a version number.
_UNSEEN_CJK = re.compile(r"[“「『]([\u4e00-\u9fff]{2,6}-?[A-Za-z]?\d+(?:\.\d+)?)(?=[”」』])")


def _word_start(text: str, position: int) -> bool:
    return position == 0 or not (text[position - 1].isascii() and text[position - 1].isalnum())


def mentions(text: str) -> list[Mention]:
    """Entities named in ``text``, in order of position (non-overlapping).

    A name the gazetteer does not know but that looks like a model ("Kimi-K2") is returned
    with ``known=False``; a longer unknown name wins over a known prefix of it.
    """
    gaz = gazetteer()
    found: list[Mention] = []
    if not text.isascii():
        for match in _UNSEEN_CJK.finditer(text):
            name = match.group(1)
            known_entity = lookup(name)
            entity = known_entity or Entity(name=name, kind="model")
            found.append(Mention(match.start(1), match.end(1), entity, known_entity is not None))
    for pattern in (_UNSEEN_CAPITALISED, _UNSEEN_SPACED, _UNSEEN_OPENAI):
        for match in pattern.finditer(text):
            if not _word_start(text, match.start()):
                continue
            written = match.group()
            known_entity = lookup(written)
            if known_entity is None and pattern is _UNSEEN_SPACED:
                # "Nvidia H100", "Meta V3": a known maker or a known name is not a new model
                first, _, second = written.partition(" ")
                maker = lookup(first)
                if (maker is not None and maker.kind == "organisation") or lookup(second):
                    continue
            if known_entity is None and (
                _NOT_A_NAME.fullmatch(written)
                or (gaz.not_model_re is not None and gaz.not_model_re.fullmatch(written))
            ):
                continue
            entity = known_entity or Entity(name=written, kind="model")
            found.append(Mention(match.start(), match.end(), entity, known_entity is not None))
    lowered = text.lower()
    if len(lowered) != len(text):  # a few non-ASCII letters change length when lower-cased
        lowered = text.translate(_ASCII_LOWER)
    found.extend(_known_mentions(text, lowered))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for mention in found:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


def _known_mentions(text: str, lowered: str) -> list[Mention]:
    gaz = gazetteer()
    found: list[Mention] = []
    candidates = [m for m in gaz.known_re.finditer(lowered) if _word_start(lowered, m.start())]
    if not text.isascii():
        candidates.extend(
            m for m in gaz.cjk_known_re.finditer(lowered) if _word_start(lowered, m.start())
        )
    for match in candidates:
        written = text[match.start() : match.end()]
        entity = lookup(written)
        if entity is None:
            continue
        # "meta-learning", "epoch": a lower-case common word is not the capitalised name
        if written.islower() and not entity.name.islower() and written.isalpha():
            continue
        found.append(Mention(match.start(), match.end(), entity, True))
    return found


def all_entities() -> tuple[Entity, ...]:
    """Every entity of the gazetteer (for kb/ to seed its Entity table)."""
    return gazetteer().entities
