"""Subject selection: which named entity a figure is about.

A mixin of the extractor's claim builder (`claims.extractor`): it reads the scanner's text,
segments and entity mentions. The rules, in order:

- A table cell takes the entity in its column header, else its row header.
- A price per chip, GPU-hour or rack and a per-chip FLOP/s take the accelerator named before
  it in the sentence, or with the figure, or in the lines just before.
- "数亿美元的对手", "1750 亿参数的 GPT-3": the entity the figure describes.
- The nearest entity in the figure's clause (a clause also opens at a bracket): a named model,
  cluster or project, an organisation or a class of them ("头部厂商", "startups"), a class
  of models, a country; then an organisation or country right after the figure in its clause
  ("过去 4 年中国作者"); then the model the sentence produces ("…训练出 s1 模型"); then the
  same tiers in the rest of the sentence before the figure; then a model after it.
- Mentions in a supporting role never win: the base a model is built on, what a figure is
  compared with, an example of a class, the means ("得益于 MoE"), an organisation that only
  reports the figure ("据 Epoch AI 估算"), a chip maker naming its chip, a parenthesis that
  closes before the figure (counted only when nothing else is named).
- Chip counts, GPU-hours and capex take a model or cluster of the sentence, else a group
  named in their clause ("海外十万卡"), else the model of the paragraph when the sentence
  names no model and no chip before the figure, else the accelerator.
- A sentence naming nothing continues its context: a footnote the sentence citing it; else
  the grammatical subject of the nearest earlier sentence of the paragraph naming a model
  (walking past sentences naming only organisations, stopping at one naming a class); else
  the last name in the 400 characters before; else the entity of the nearest heading that
  names one (the section's topic).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Protocol

from claims.entities import Entity, Mention, mentions
from claims.segments import Segments, TableCell

_PRIMARY_KINDS = ("model", "cluster", "project")
_OWNER_GAP = re.compile(r"\s*(?:的|之|'s|’s)?\s*")
_SOURCE_AFTER = re.compile(
    r"\s*(?:此前|此前的|的)?\s*(?:估算|估计|估計|预计|預計|指出|表示|称|稱|报道|報導|认为|認為|分析|统计|統計"
    r"|数据显示|數據顯示|发布的|發布的|(?i:estimates?|says?|said|reports?|reported|finds|found"
    r"|gives|wrote|argues?|notes?|projects?|forecasts?)(?![A-Za-z]))"
)
_SOURCE_BEFORE = re.compile(
    r"(?:据|據|根据|根據|援引|(?i:according to|per|by|from|says|said))\s*[《“\"\[]?\s*$"
)
#: A clause ends at a comma, semicolon or colon (not in "2,000" or "1:32"), and one starts at
#: an opening bracket
#: ("中国作者 8491 人（美国 14766 人）": the second figure is the US's).
_UP_TO_LAST_CLAUSE_MARK = re.compile(r".*(?:[，；;：（(]|[,:](?!\d))", re.DOTALL)
#: Between a figure and a later mention in the same clause (list items count as clauses;
#: "1:32" and "2,000" do not break one).
_CLAUSE_BREAK = re.compile(r"[，；;：。、]|[,:](?!\d)|\.\s")
#: "数亿美元的对手", "1750 亿参数的 GPT-3": the figure describes the entity right after it.
_DESCRIBES = re.compile(r"\s*(?:以上|左右|之多)?\s*的\s*")
#: A model a sentence produces ("训练出 s1 模型", "收敛得到最终的 R1", "trained Llama 4") is
#: the subject of the figures that went into it, wherever it is named.
_PRODUCED_BEFORE = re.compile(
    r"(?:训练出|訓練出|得到|打造出|造出|推出|(?i:trained|produced?|yields?|released?))"
    r"[^，,。；;：:]{0,8}$"
)
#: A model built on or distilled from another: the base is not the subject.
_BASE_BEFORE = re.compile(
    r"(?:基于|基於|建立在|采用|採用|蒸馏|蒸餾|(?i:based on|built on|built upon|on top of"
    r"|distill(?:ed|ing)? from|fine-?tuned from|fine-?tuning))[^，,。；;：:]{0,14}$"
)
_BASE_AFTER = re.compile(
    r"\s*(?:[（(][^（()）]{0,24}[）)])?\s*[）)]?\s*(?:的)?\s*(?:基础|基礎)?\s*(?:大?模型)?\s*"
    r"(?:为基础|為基礎|之上|基础上|基礎上)"
)
#: "像 o1 那样", "比 o1 低", "than GPT-4", "与 GPT-4 相比": what a figure is compared with.
_COMPARED_BEFORE = re.compile(
    r"(?:像|比|较|較|超过|超過|不如|类似|類似|相较于|相較於|相比于|相比於|对比|對比|(?i:than|compared"
    r" (?:with|to)|relative to|like|unlike|exceeds?|vs\.?|versus))\s?$"
)
#: "像 o1 那样": the comparison closes after the name; "与 GPT-4 相比" opens before it.
_COMPARED_AFTER = re.compile(r"[^，,。；;：:\n]{0,12}?(?:那样|那樣|一样|一樣)")
_WITH_BEFORE = re.compile(r"(?:与|與|跟|同|和)\s?$")
_WITH_AFTER = re.compile(r"[^，,。；;：:\n]{0,12}?(?:相比|相较|相較|类似|類似)")
#: "像 BLOOM 这样的项目": an example named first, not a comparison.
_SUCH_AFTER = re.compile(r"\s*(?:这样|這樣|这种|這種|这类|這類|之类|之類)")
#: "推理模型（如 o3、R1）", "比如o1，甚至o3", "such as GPT-4": examples of a class.
_EXAMPLE_BEFORE = re.compile(
    r"(?:[（(，,]\s*如|比如|例如|譬如|诸如|諸如|(?i:such as|e\.g\.,?|for example|for instance"
    r"|including))[^。；;\n（()）]{0,10}$"
)
#: "它的原始基础模型", "its base model": a class named as part of the model in context.
_POSSESSIVE_BEFORE = re.compile(
    r"(?:它的|它們的|它们的|(?<![尤极極與与])其|(?i:its|their)\s)[^，,。；;\s]{0,4}\s?$"
)
#: "得益于 MoE 技术", "thanks to RLVR": the means, not the subject.
_MEANS_BEFORE = re.compile(r"(?:得益于|得益於|借助|凭借|憑藉|(?i:thanks to))\s*$")
#: A character or word every "before" pattern of a supporting role starts with, and the
#: characters the "after" patterns end with: a cheap test that rules all of them out.
_ROLE_HINT_BEFORE = re.compile(
    r"[像比较較超不类類相对對与與跟同和基建采採蒸得借凭憑它其如例譬诸諸]|(?i:than|compared|relative"
    r"|like|exceed|vs|versus|based|built|top of|distill|fine|such|e\.g\.|example|instance"
    r"|including|thanks|its |their )"
)
_ROLE_CHARS_AFTER = frozenset("那一相类類为為之基")
#: The number opening a footnote line: "1. ", "[1] ", "1) ".
_FOOTNOTE_START = re.compile(r"[ \t]*(?:\[(\d{1,3})\]|(\d{1,3})[.)])\s")
#: Before a sentence's grammatical subject: the start of a clause, quotes or markup.
_CLAUSE_OPENING = re.compile(r"(?:^|[，,；;：:。\n])[\s*“\"'「《#>-]*$")


class _Figure(Protocol):
    """Where a figure sits in the text (the scanner's reading)."""

    start: int
    end: int


class MentionIndex:
    """A text's entity mentions, found by position (the extractor's scanner sets them)."""

    text: str
    segments: Segments
    mentions: list[Mention]
    mention_starts: list[int]

    def _mention_at(self, position: int) -> Mention | None:
        index = bisect_right(self.mention_starts, position) - 1
        if index >= 0 and position < self.mentions[index].end:
            return self.mentions[index]
        return None

    def _mentions_between(self, start: int, end: int) -> list[Mention]:
        starts = self.mention_starts
        lo = bisect_left(starts, start)
        if lo == len(starts) or starts[lo] >= end:
            return []
        hi = bisect_left(starts, end, lo)
        return [m for m in self.mentions[lo:hi] if m.end <= end]


class SubjectPicker(MentionIndex):
    """Subject selection for `claims.extractor._ClaimBuilder`, which provides the state."""

    _names_by_sentence: dict[int, tuple[int, list[Mention], frozenset[int]]]
    _walk_by_sentence: dict[int, tuple[Mention | None, Mention | None]]
    _context_by_sentence: dict[int, str | None]
    _secondary_by_start: dict[int, bool]
    _topic_by_heading: dict[int, str | None]

    def _subject(
        self,
        reading: _Figure,
        sentence_start: int,
        sentence_end: int,
        kind: str,
        per: str | None,
        hardware: Entity | None,
    ) -> str | None:
        cell = self.segments.cell(reading.start) if self.segments.has_tables else None
        if cell is not None:
            for header in (cell.column_header, cell.row_header):
                for mention in _header_mentions(header):
                    if _tier(mention) is not None:
                        return mention.entity.name
        named, sources = self._sentence_names(sentence_start, sentence_end)
        chip_priced = kind == "chip_throughput" or per in ("GPU", "GPU*hour", "rack")
        if not named and hardware is None and cell is None and not chip_priced:
            return self._context_subject(sentence_start)  # the sentence names nothing
        candidates = [m for m in named if not (reading.start <= m.start < reading.end)]
        accelerators = [m for m in candidates if m.entity.kind == "accelerator"]
        if chip_priced:
            # "$2 per GPU hour", "$4M per rack": the price of the chip (or rack) named here or
            # in the lines just before
            preceding = [m for m in accelerators if m.end <= reading.start]
            if preceding:
                return preceding[-1].entity.name
            if hardware is not None:
                return hardware.name
            if accelerators:
                return accelerators[0].entity.name
            earlier = [
                m
                for m in self._mentions_between(max(0, sentence_start - 400), sentence_start)
                if m.entity.kind == "accelerator"
            ]
            if earlier:
                return earlier[-1].entity.name
        # mentions in a parenthesis the figure is not in ("（类似星际之门）") are asides
        by_tier: dict[int, list[Mention]] = {1: [], 2: [], 3: [], 4: []}
        text = self.text
        bracketed = (
            "(" in text[sentence_start : reading.start]
            or "（" in text[sentence_start : reading.start]
        )
        for mention in candidates:
            tier = _tier(mention)
            if (
                tier is not None
                and mention.start not in sources
                and not (bracketed and self._aside(mention, reading, sentence_start))
            ):
                by_tier[tier].append(mention)
        if not candidates and hardware is None and cell is None:
            return self._context_subject(sentence_start)  # the sentence names nothing
        described = self._described(reading, by_tier)
        if described is not None:
            return described.entity.name
        clause_start = (
            self._clause_start(reading.start, sentence_start)
            if by_tier[1] or by_tier[2] or by_tier[3] or by_tier[4]
            else sentence_start
        )

        def _lo(where: str) -> int:
            return clause_start if where == "clause" else sentence_start

        def before(tier: int, where: str) -> list[Mention]:
            lo = _lo(where)
            return [m for m in by_tier[tier] if lo <= m.start and m.end <= reading.start]

        def after(tier: int, where: str) -> list[Mention]:
            # a later mention counts in the figure's own clause, or as what the sentence
            # produces ("…进行了 26min 的训练，…训练出 s1 模型"); "produced" only
            return [
                m
                for m in by_tier[tier]
                if m.start >= reading.end
                and (
                    self._produced(m)
                    if where == "produced"
                    else not _CLAUSE_BREAK.search(self.text, reading.end, m.start)
                    if where == "clause"
                    else self._produced(m)
                    or not _CLAUSE_BREAK.search(self.text, reading.end, m.start)
                )
            ]

        def asides() -> list[Mention]:
            # what no rule took: mentions in a parenthesis before the figure ("(Grok 3,
            # GPT-4.5) … ~100K H100 chips"), reporters, and later ones in its clause
            return [
                m
                for m in candidates
                if _tier(m) is not None
                and not (m.start in sources and self._secondary(m))
                and (
                    m.end <= reading.start
                    or not _CLAUSE_BREAK.search(self.text, reading.end, m.start)
                )
            ]

        has_named = bool(by_tier[1] or by_tier[2] or by_tier[3] or by_tier[4])
        if kind in ("chip_count", "gpu_hours", "capex"):
            # "~24K A100 chips": the model or cluster of the sentence (or of the sentences
            # before), else a group named in its clause ("海外十万卡"), else the hardware
            for pick, tier, lo in _HARDWARE_SUBJECT_ORDER if has_named else ():
                if tier == 0:  # a group named in the figure's clause ("海外头部厂商十万卡")
                    for group_tier in (3, 2, 4):
                        group = before(group_tier, "clause")
                        if group:
                            return self._specific(group).entity.name
                    continue
                group = (before if pick == "before" else after)(tier, lo)
                if group:
                    return self._specific(group).entity.name
            primary_asides = [m for m in asides() if _tier(m) == 1]
            if primary_asides:
                return primary_asides[0].entity.name
            if cell is not None:
                around = self._table_context(cell)
                if around is not None:
                    return around
            named_before = has_named and any(before(tier, "sentence") for tier in (1, 2, 3))
            chips_before = any(m.end <= reading.start for m in accelerators)
            if kind != "capex" and not named_before and not chips_before:
                # "200,000 个 H100 GPU 的训练…": the model the paragraph is about
                context = self._context_subject(sentence_start, primary_only=True)
                if context is not None:
                    return context
            if hardware is not None:
                return hardware.name
            if accelerators:
                return accelerators[0].entity.name

        for pick, tier, lo in _SUBJECT_ORDER if has_named else ():
            if not by_tier[tier]:
                continue
            group = (before if pick == "before" else after)(tier, lo)
            if group:
                return self._specific(group).entity.name
        remaining = asides()
        if remaining:
            return remaining[0].entity.name
        if cell is not None:
            around = self._table_context(cell)
            if around is not None:
                return around
        chip = hardware or (accelerators[0].entity if accelerators else None)
        if chip is not None and kind in _HARDWARE_KINDS:
            return chip.name
        context = self._context_subject(sentence_start)
        if context is not None:
            return context
        # what is left: a mention after the figure in another clause, or one only reporting it
        anything = [m for m in candidates if _tier(m) is not None]
        if anything:
            return anything[0].entity.name
        return chip.name if chip is not None else None

    def _described(self, reading: _Figure, by_tier: dict[int, list[Mention]]) -> Mention | None:
        """The entity a figure modifies: "数亿美元的对手", "1750 亿参数的 GPT-3"."""
        text = self.text
        gap = _DESCRIBES.match(text, reading.end)
        if gap is None:
            return None
        following = self._mention_at(gap.end())
        if following is None or following.start != gap.end():
            return None
        for group in by_tier.values():
            if following in group:
                return following
        return None

    def _produced(self, mention: Mention) -> bool:
        """ "训练出 s1 模型", "得到最终的 R1": the model the sentence's work produced."""
        if mention.entity.kind not in _PRIMARY_KINDS:
            return False
        return (
            _PRODUCED_BEFORE.search(self.text, max(0, mention.start - 16), mention.start)
            is not None
        )

    def _secondary(self, mention: Mention) -> bool:
        """`_find_secondary`, once per mention (sentences and context walks ask again)."""
        cache = self._secondary_by_start
        found = cache.get(mention.start)
        if found is None:
            found = cache[mention.start] = self._find_secondary(mention)
        return found

    def _find_secondary(self, mention: Mention) -> bool:
        """A mention in a supporting role: the base of a model, what a figure is compared
        with ("像 o1 那样", "than GPT-4"), an example of a class ("推理模型（如 o3）"), the
        means ("得益于 MoE 技术"), or a class named as part of the model in context ("它的基础
        模型"). A parenthesis restating the name before it shares its role."""
        text = self.text
        if not (
            _ROLE_HINT_BEFORE.search(text, max(0, mention.start - 24), mention.start)
            or not _ROLE_CHARS_AFTER.isdisjoint(text[mention.end : mention.end + 30])
            or (mention.start > 0 and text[mention.start - 1] in "(（")
        ):
            return False  # no word of any role nearby (most mentions)
        lo = max(0, mention.start - 16)
        compared = (
            _COMPARED_BEFORE.search(text, lo, mention.start) is not None
            or _COMPARED_AFTER.match(text, mention.end) is not None
            or (
                _WITH_BEFORE.search(text, lo, mention.start) is not None
                and _WITH_AFTER.match(text, mention.end) is not None
            )
        ) and not _SUCH_AFTER.match(text, mention.end)
        if (
            compared
            or self._base(mention)
            or _EXAMPLE_BEFORE.search(text, lo, mention.start)
            or _MEANS_BEFORE.search(text, lo, mention.start)
            or (mention.entity.generic and _POSSESSIVE_BEFORE.search(text, lo, mention.start))
        ):
            return True
        if mention.start > 0 and text[mention.start - 1] in "(（":
            restated = self._mention_at(_BEFORE_SPACE(text, mention.start - 1))
            if restated is not None and restated.entity == mention.entity:
                return self._secondary(restated)
        return False

    def _base(self, mention: Mention) -> bool:
        """ "以 Qwen 模型为基础", "建立在 DeepSeek-V3 之上", "distilled from Gemini": a model
        another one is built from is not the subject of that one's figures."""
        if mention.entity.kind not in _PRIMARY_KINDS:
            return False
        text = self.text
        if _BASE_AFTER.match(text, mention.end):
            return True
        return _BASE_BEFORE.search(text, max(0, mention.start - 24), mention.start) is not None

    def _sentence_names(
        self, sentence_start: int, sentence_end: int
    ) -> tuple[list[Mention], frozenset[int]]:
        """A sentence's mentions without chip makers, and the starts of those that only report
        a figure or are the base of another model; kept for the other figures of the
        sentence."""
        cached = self._names_by_sentence.get(sentence_start)
        if cached is not None and cached[0] == sentence_end:
            return cached[1], cached[2]
        named = [
            m for m in self._mentions_between(sentence_start, sentence_end) if not self._vendor(m)
        ]
        sources = frozenset(
            m.start
            for m in named
            if _tier(m) is not None and (self._source(m) or self._secondary(m))
        )
        self._names_by_sentence[sentence_start] = (sentence_end, named, sources)
        return named, sources

    def _source(self, mention: Mention) -> bool:
        """ "据 Epoch AI 估算", "SemiAnalysis estimates": who reports a figure is not its
        subject (organisations only; a model is what a sentence is about)."""
        if mention.entity.kind not in ("organisation", "country"):
            return False
        text = self.text
        if _SOURCE_AFTER.match(text, mention.end):
            return True
        return _SOURCE_BEFORE.search(text, max(0, mention.start - 14), mention.start) is not None

    def _vendor(self, mention: Mention) -> bool:
        """ "Nvidia H100", "英伟达 H200": the organisation only names the chip's maker."""
        if mention.entity.kind != "organisation":
            return False
        position = mention.end
        while position < len(self.text) and self.text[position].isspace():
            position += 1
        following = self._mention_at(position)
        return following is not None and following.entity.kind == "accelerator"

    def _table_context(self, cell: TableCell) -> str | None:
        """A table's subject: named in its caption or the line before or after it."""
        before = [
            m
            for m in self._mentions_between(max(0, cell.table_start - 300), cell.table_start)
            if _tier(m) == 1
        ]
        after = [
            m for m in self._mentions_between(cell.table_end, cell.table_end + 200) if _tier(m) == 1
        ]
        if after:
            return after[0].entity.name
        if before:
            return before[-1].entity.name
        return None

    def _specific(self, ordered: list[Mention]) -> Mention:
        """The first named entity, or the model right after an organisation ("OpenAI 的 o1"),
        or the name right after a class ("初创公司 DeepSeek", "头部科技公司阿里巴巴")."""
        first = ordered[0]
        if first.entity.generic:
            following = self._mention_at(_skip_space(self.text, first.end))
            if following is not None and not following.entity.generic:
                if _tier(following) is not None and following.start > first.start:
                    return following
        if first.entity.kind == "organisation" and len(ordered) > 1:
            second = ordered[1]
            gap = self.text[first.end : second.start]
            if second.entity.kind in _PRIMARY_KINDS and _OWNER_GAP.fullmatch(gap):
                return second
        return first

    def _clause_start(self, position: int, sentence_start: int) -> int:
        window_start = max(sentence_start, position - 200)
        last_mark = _UP_TO_LAST_CLAUSE_MARK.match(self.text, window_start, position)
        return last_mark.end() if last_mark is not None else sentence_start

    def _aside(self, mention: Mention, reading: _Figure, sentence_start: int) -> bool:
        """True when ``mention`` sits in a parenthesis that closes before the figure."""
        text = self.text
        lo = max(sentence_start, mention.start - 60)
        opened = max(text.rfind("（", lo, mention.start), text.rfind("(", lo, mention.start))
        if opened < 0:
            return False
        closed_before = max(
            text.rfind("）", opened, mention.start), text.rfind(")", opened, mention.start)
        )
        if closed_before >= 0:
            return False
        for closing in ("）", ")"):
            index = text.find(closing, mention.end, reading.start)
            if index >= 0:
                return True
        return False

    def _context_subject(self, sentence_start: int, primary_only: bool = False) -> str | None:
        """The topic a sentence that names nothing continues: the grammatical subject of the
        nearest earlier sentence of the paragraph that names a model, cluster or project (a
        base model or a reporting organisation does not count; a sentence naming a class of
        models stops the search), else the most specific name of the nearest sentence naming
        anything, else the last name up to ~400 characters
        back (a heading or the sentence before a list). ``primary_only``: models, clusters
        and projects only. A footnote continues the sentence that cites it ("…FLOPs[1]")."""
        key = -sentence_start - 1 if primary_only else sentence_start
        cache = self._context_by_sentence
        if key in cache:
            return cache[key]
        cache[key] = found = self._find_context_subject(sentence_start, primary_only)
        return found

    def _find_context_subject(self, sentence_start: int, primary_only: bool) -> str | None:
        """`_context_subject`, uncached."""
        cited = self._footnote_subject(sentence_start)
        if cited is not None:
            return cited
        primary, fallback = self._walk_back(sentence_start)
        if primary is not None:
            return primary.entity.name
        if fallback is not None and not primary_only:
            return fallback.entity.name
        lo = max(0, sentence_start - 400)
        earlier = [
            m
            for m in self._mentions_between(lo, sentence_start)
            if m.known and (_tier(m) == 1 if primary_only else _tier(m) is not None)
        ]
        if earlier:
            return earlier[-1].entity.name
        return None if primary_only else self._section_topic(sentence_start)

    def _section_topic(self, position: int) -> str | None:
        """The entity named in the nearest heading before ``position`` that names one (the
        topic of the section a sentence naming nothing belongs to)."""
        headings = self.segments.headings()
        index = bisect_left(headings, (position, position)) - 1
        cache = self._topic_by_heading
        walked: list[int] = []
        topic: str | None = None
        while index >= 0:
            if index in cache:
                topic = cache[index]
                break
            walked.append(index)
            start, end = headings[index]
            named = [
                m
                for m in self._mentions_between(start, end)
                if m.known and _tier(m) is not None and not self._secondary(m)
            ]
            if named:
                topic = min(named, key=lambda m: (_tier(m) or 9, m.start)).entity.name
                break
            index -= 1
        for seen in walked:
            cache[seen] = topic
        return topic

    def _walk_back(self, sentence_start: int) -> tuple[Mention | None, Mention | None]:
        """(grammatical subject of the nearest earlier sentence of the paragraph naming a
        model, cluster or project; best name of the nearest one naming anything), stopping
        at a sentence about a class. Memoised per sentence, so a paragraph is read once."""
        memo = self._walk_by_sentence
        chain: list[tuple[int, tuple[int, int]]] = []
        current = sentence_start
        while current not in memo:
            previous = self.segments.previous_sentence(current)
            if previous is None:
                memo[current] = (None, None)
                break
            chain.append((current, previous))
            current = previous[0]
        result = memo[current]
        for start, (previous_start, previous_end) in reversed(chain):
            in_sentence, sources = self._sentence_names(previous_start, previous_end)
            named = [
                m
                for m in in_sentence
                if m.known and m.start not in sources and _tier(m) is not None
            ]
            if named:
                primary = [m for m in named if _tier(m) == 1]
                if primary:
                    result = (self._grammatical_subject(primary), None)
                else:
                    best = min(named, key=lambda m: (_tier(m), m.entity.generic, m.start))
                    if any(_tier(m) == 2 for m in named):
                        result = (None, best)  # a sentence about a class ("training systems")
                    else:
                        result = (result[0], best)
            memo[start] = result
        return memo[sentence_start]

    def _footnote_subject(self, sentence_start: int) -> str | None:
        """In a footnote ("  1. Various estimates give…"), the subject of the sentence that
        cites it with a marker ("…for ~2e25 FLOPs[1]." or "^1")."""
        text = self.text
        before = sentence_start - 1
        while before > 0 and text[before] == " ":
            before -= 1
        first = text[sentence_start : sentence_start + 1]
        if not (first.isdigit() or first == "[" or text[before : before + 1] in (".", ")", "]")):
            return None  # not "1. Various…", "[1] …" nor the sentence after a lone "1."
        line_start = text.rfind("\n", max(0, sentence_start - 13), sentence_start) + 1
        if sentence_start - line_start > 12:
            return None
        footnote = _FOOTNOTE_START.match(text, line_start)
        if footnote is None:
            return None
        number = footnote.group(1) or footnote.group(2)
        marker = max(
            text.rfind(f"[{number}]", 0, line_start), text.rfind(f"^{number}", 0, line_start)
        )
        if marker < 0:
            return None
        cited_start, cited_end = self.segments.sentence(marker)
        named = [
            m
            for m in self._mentions_between(cited_start, cited_end)
            if m.known and _tier(m) is not None and not self._secondary(m)
        ]
        if not named:
            return None
        best = min(_tier(m) or 9 for m in named)
        return self._grammatical_subject([m for m in named if _tier(m) == best]).entity.name

    def _grammatical_subject(self, named: list[Mention]) -> Mention:
        """The mention that opens a clause ("与 Grok3 形成对比，DeepSeek-R1 代表了…" is about
        DeepSeek-R1), else the first."""
        for mention in named:
            if _CLAUSE_OPENING.search(self.text, max(0, mention.start - 8), mention.start):
                return mention
        return named[0]


_HEADER_CACHE: dict[str, list[Mention]] = {}


#: Where the subject is looked for, in order: (before or after the figure, tier, from the
#: start of the clause or of the sentence). See `_tier`; a named organisation comes before a
#: class of models ("英伟达数据中心营收" is NVIDIA's).
_SUBJECT_ORDER: tuple[tuple[str, int, str], ...] = (
    ("before", 1, "clause"),
    ("before", 3, "clause"),
    ("before", 2, "clause"),
    ("before", 4, "clause"),
    ("after", 3, "clause"),
    ("after", 4, "clause"),
    ("after", 1, "produced"),
    ("before", 1, "sentence"),
    ("before", 3, "sentence"),
    ("before", 2, "sentence"),
    ("after", 1, "sentence"),
    ("before", 4, "sentence"),
)
#: The same for chip counts, GPU-hours and capex; tier 0 is any organisation, class or country
#: named in the figure's own clause. "produced": a model the sentence trains or releases.
_HARDWARE_SUBJECT_ORDER: tuple[tuple[str, int, str], ...] = (
    ("before", 1, "clause"),
    ("after", 1, "produced"),
    ("before", 0, "clause"),
    ("before", 1, "sentence"),
    ("after", 1, "sentence"),
)
#: Kinds whose subject may be the accelerator when the sentence names no model or cluster.
_HARDWARE_KINDS = frozenset(
    {"chip_count", "gpu_hours", "capex", "power", "chip_throughput", "cluster_throughput", "ratio"}
)


def _tier(mention: Mention) -> int | None:
    """Subject preference: 1 a named model, cluster or project; 2 a class of them
    ("reasoning models", "MoE") or a method (RLVR, Best-of-N); 3 an organisation; 4 a
    country; None otherwise (accelerators and datasets are subjects only as a fallback)."""
    kind = mention.entity.kind
    if kind in _PRIMARY_KINDS:
        return 2 if mention.entity.generic else 1
    if kind == "method":
        return 2
    if kind == "organisation":
        return 3
    if kind == "country":
        return 4
    return None


def _header_mentions(header: str) -> list[Mention]:
    if header not in _HEADER_CACHE:
        if len(_HEADER_CACHE) > 4096:
            _HEADER_CACHE.clear()
        _HEADER_CACHE[header] = mentions(header) if header else []
    return _HEADER_CACHE[header]


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _BEFORE_SPACE(text: str, position: int) -> int:  # noqa: N802 - reads as a position
    """The position of the last character before ``position`` and any spaces."""
    position -= 1
    while position > 0 and text[position] == " ":
        position -= 1
    return position
