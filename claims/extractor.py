"""The extractor: text and language in, claims out (pure, deterministic, never raises).

How it reads a text:

1. `segments.Segments` finds sentences, paragraphs, tables and spans that hold no claims
   (URLs, code, HTML, arXiv ids, dates, clock times, phone numbers, versions), and
   `entities.mentions` finds every named model, accelerator, cluster and organisation.
2. A character scan (`_TRIGGER`) stops at digits, currency signs and Chinese numerals; one
   compiled regex (`NUMBER_RE`) then reads the numeral there: Arabic (2,788, 0.3e15), powers
   of ten (10^9, 10²⁵, 3.1 \\times 10^{23}), fractions (1/32, 三十分之一), ratios (1:32),
   百分之N, 翻倍, and Chinese numerals followed by a unit (十万卡, 数万亿美元, 两年).
   English number words are read only before a unit or counter ("four years", "two million
   GPUs", "hundreds of millions of dollars"); "one"/"a" only before a scale word.
3. Anchored regexes read what follows: a magnitude (万, 亿, K, bn, million), a range
   (400K-500K, 10 万至 20 万, $4-5bn, 半年到一年, 一、两年), a counter (个, 张), a vendor and
   accelerator name (英伟达 H100), a precision (BF16) and a unit word (`unit_words.toml`).
   Words before and after (`cues.toml`) give the bound (不到, over, 以上), approximation (约,
   ~), denominator (per GPU hour, /百万 tokens) and scope (per chip, total).
4. A number with no unit, magnitude, counter or percent is not a claim (list numbers, years,
   names), except a bare number filling a table cell of a row of figures, which takes its
   unit from the row or column header.

Units are strings of the project's pint registry: the ``unit`` of each `unit_words.toml`
entry, plus `BUILT_UNITS`. Money keeps its currency (USD, CNY, HKD, EUR, GBP, JPY); power is
in W, compute in FLOP or FLOP/s, data in byte, durations in the written unit (minute, month).
Percentages are "percent" (value 17 for 17 %), fractions and factors "dimensionless".

Qualifier keys (all values are strings; the checker reads these):

- ``hardware``: canonical accelerator name (gazetteer) named with the count or in the sentence
  of a chip, GPU-hour, FLOP/s, power or hardware-cost figure ("H100", "A100", "GB200").
- ``precision``: BF16, FP16, FP8, FP4, FP6, TF32, FP32, FP64, INT8, INT4, with "-sparse" when the
  text says sparse; read next to the number or in its clause for FLOP and FLOP/s figures.
- ``scope``: "per_chip" or "total" when the text says so (per chip, 每卡, 单卡 / total, 总, 集群)
  for FLOP/s figures.
- ``per``: the denominator of a rate or price: "GPU*hour", "1e6 token", "1e3 token", "year",
  "GPU", "rack", "hour", "month", "day", "minute", "share", "task", "user", "parameter",
  "token".
- ``year``: the calendar year named in the sentence closest to the figure.
- ``vague``: "1" for 数万亿, 几百万, 上亿, "hundreds of millions" (low/high bracket the range).
- ``of``: for ratios written "X 的 N 倍", the entity the ratio is taken of.
- ``table``: "1" when the figure is a bare number in a table cell.

Subjects are picked by `claims.subjects.SubjectPicker` (see there).
Per-chip figures (FLOP/s per chip, $ per chip or per GPU-hour) take the accelerator. A chip
count ("~24K A100 chips") takes the model or cluster of its sentence, else the accelerator,
which is always its ``hardware`` qualifier.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from claims import kinds
from claims.entities import Entity, Mention, gazetteer, lookup, mentions
from claims.model import Claim
from claims.numbers import EN_MAGNITUDES, magnitude_of, parse_arabic, parse_chinese, parse_power
from claims.segments import Segments
from claims.subjects import MentionIndex, SubjectPicker
from claims.vocabulary import UnitWord, canonical_per, squeeze, unit_word, vocabulary

EXTRACTOR_VERSION = "1.0.0"
#: Tests set this to see the exception behind a skipped number instead of skipping it.
STRICT = False

_CN = "零〇一二两兩三四五六七八九十百千万萬亿億"
_CN_MAG = "十百千万萬亿億"
_ARABIC = r"(?:\d{1,3}(?:,\d{3})+(?![\d])|\d+)(?:\.\d+)?(?:[eE][+-]?\d{1,3}(?![\d]))?"
_VAGUE = r"(?:好[几幾]|[数數几幾]|上(?=[百千万萬亿億]))"
_CURRENCY_PREFIX = r"(?:US|HK|A|C|S|NT)?\\?\$|€|£|￥|¥"
_CURRENCY_OF_PREFIX = {"$": "USD", "€": "EUR", "£": "GBP", "￥": "CNY", "¥": "CNY"}
#: Units the extractor builds itself, besides those of `unit_words.toml` (the unit tests
#: parse every one of them with the pint registry).
BUILT_UNITS: tuple[str, ...] = (
    "dimensionless",
    "percent",
    "GPU",
    "GPU*hour",
    "token",
    "parameter",
    "token/parameter",
    "byte/second",
    "token/second",
    "USD",
    "HKD",
    *sorted(set(_CURRENCY_OF_PREFIX.values())),
)
_RANGE_SEP = re.compile(
    r"\s*(?:-|–|—|~|～|〜|至|到|、|或|(?i:to)(?![A-Za-z])|(?i:and)(?![A-Za-z]))\s*"
)
_OWN_MARK = re.compile(r"\s?(?:%|％|(?:x|×|X)(?![A-Za-z])|倍)")
#: Characters a claim can start with: scanning for these first is several times faster than
#: trying the full grammar at every position.
_TRIGGER = re.compile(r"[0-9$€£¥￥零〇一二两兩三四五六七八九十百千万萬亿億半数數几幾上好翻]")
_ADJACENT_DIGITS = re.compile(
    r"([一二两兩三四五六七八九])([二两兩三四五六七八九])(?=[^十百千万萬亿億]|$)"
)
_CN_DIGIT_VALUE = {
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_NUMERIC_CELL = re.compile(r"[<>~≈]?\s*\\?\$?\d[\d,]*(?:\.\d+)?\s*(?:[KMBT]|%|％)?")
#: Counts that are page furniture, not claims ("粉丝 59万", "1.2K likes").
_SOCIAL_BEFORE = re.compile(
    r"(?:粉丝|粉絲|关注|關注|转发|轉發|评论|評論|点赞|點讚|阅读|閱讀|收藏|followers|following"
    r"|likes|views|retweets|reposts|comments)\s*[:：]?\s*$",
    re.IGNORECASE,
)
_SOCIAL_AFTER = re.compile(
    r"\s*(?:followers|likes|views|retweets|粉丝|粉絲|次阅读|次閱讀|阅读|閱讀)"
)
#: "16 位精度" (bits), not a count of people.
_BITS_AFTER = re.compile(r"[精宽寬元整浮]")
#: "本十年" (this decade), "这两年" is a duration but "本十年" is not.
_THIS_BEFORE = re.compile(r"[本该該]$")


def _BEFORE_SPACE_END(text: str, position: int) -> int:  # noqa: N802 - reads as a position
    """The position of the last character before ``position`` and any spaces."""
    position -= 1
    while position > 0 and text[position] == " ":
        position -= 1
    return position


_EN_ONES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_EN_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_EN_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_EN_VAGUE = {"tens": 1e1, "hundreds": 1e2, "thousands": 1e3, "millions": 1e6, "billions": 1e9}


def _english_value(written: str) -> float | None:
    """ "twenty-five" -> 25, "two million" -> 2e6, "a billion" -> 1e9."""
    total = 0.0
    current = 0.0
    for word in re.findall(r"[a-z]+", written):
        if word in ("a", "an"):
            current = 1.0
        elif word in _EN_ONES:
            current += _EN_ONES[word]
        elif word in _EN_TENS:
            current += _EN_TENS[word]
        elif word == "hundred":
            current = (current or 1.0) * 100
        elif word in _EN_SCALES:
            total += (current or 1.0) * _EN_SCALES[word]
            current = 0.0
    result = total + current
    return result or None


def _english_number_re() -> re.Pattern[str]:
    """English number words followed by a unit or counter, matched in lower-cased text.

    "one" and "a" count only before a scale word ("one million", "a billion"): "one day" and
    "a year" are idioms or denominators far more often than figures."""
    from claims.vocabulary import alternation

    ones = "|".join(sorted((w for w in _EN_ONES if w != "one"), key=len, reverse=True))
    tens = "|".join(_EN_TENS)
    scales = r"(?:hundred|thousand|million|billion|trillion)"
    unit_words = [
        w.lower()
        for w in vocabulary().units
        if w.isascii() and len(w) >= 4 and w.replace(" ", "").replace("-", "").isalpha()
    ]
    follow = (
        r"(?=[\s-]+(?:(?:more|additional|extra|fewer|straight|consecutive|" + scales + r")\s+)*"
        r"(?:" + alternation(unit_words, ignore_case_ascii=False) + r"|gpus|chips|dollars"
        r"|orders? of magnitude|h100s?|a100s?|h800s?|b200s?))"
    )
    number = (
        rf"(?:(?:{tens})(?:[\s-](?:{ones}|one))?|{ones}|(?:one|an?)(?=\s+{scales}))"
        rf"(?:\s+{scales})*"
    )
    vague = (
        r"(?:tens|hundreds|thousands|millions|billions)"
        r"(?:\s+of\s+(?:thousands|millions|billions))*\s+of"
    )
    return re.compile(rf"(?:(?P<vague>{vague})|(?P<number>{number})){follow}")


_ENGLISH_NUMBER: re.Pattern[str] | None = None
#: A space (or line start, bracket, quote) and a plain number word: the regex engine skips
#: ahead to the next space, and the full grammar runs only where a number word starts.
_ENGLISH_NUMBER_START = re.compile(
    '[\\s("“](?:'
    + "|".join(
        sorted(
            [w for w in (*_EN_ONES, *_EN_TENS, *_EN_VAGUE) if w != "one"]
            + [f"{lead} {scale}" for lead in ("a", "one") for scale in _EN_SCALES],
            key=len,
            reverse=True,
        )
    )
    + ")[\\s-]"
)


def _english_numbers(text: str) -> Iterator[re.Match[str]]:
    """English number words in ``text`` that start a word, in order (offsets into text)."""
    global _ENGLISH_NUMBER
    if _ENGLISH_NUMBER is None:
        _ENGLISH_NUMBER = _english_number_re()
    lowered = text.lower()
    if len(lowered) != len(text):
        return
    full = _ENGLISH_NUMBER.match
    first = full(lowered, 0)
    if first is not None:
        yield first
    position = 0
    while True:
        start = _ENGLISH_NUMBER_START.search(lowered, position)
        if start is None:
            return
        word_start = start.start() if lowered[start.start()].isalpha() else start.start() + 1
        found = full(lowered, word_start)
        if found is not None:
            yield found
            position = found.end()
        else:
            position = start.end() - 1


_RESOLUTION = re.compile(r"[1-8]K")
_RESOLUTION_AFTER = re.compile(
    r"\s*(?:分辨率|解析度|视频|視頻|显示|顯示|屏|电视|電視|超高清|(?i:resolution|video|display|screen|tv|hdr|uhd))"
)
_PER_SECOND = re.compile(r"/s(?![A-Za-z])|/秒|(?i:\s*per second)")
_HEADER_DOLLARS = re.compile(r"(?:US)?\$\s*(K|M|MM|B|bn|million|billion)\b")
_HEADER_MAGNITUDE = re.compile(r"([十百千万萬亿億]+)\s*$")
_UNIT_SPEC_BEFORE = re.compile(r"(?:[（(\[/／]|单位[:：]?|單位[:：]?)\s*$")
#: Characters a denominator after a figure starts with: "/", "per", "每", "a"/"an".
_PER_STARTS = frozenset("/／p每a")
_CLAUSE_MARKS = re.compile(r"[，,。；;：:]")
_VAGUE_SEP = re.compile(r"\s*(?:乃至|甚至|以至|到|至|-|~|～|或)\s*")
_DENOMINATOR_BEFORE = re.compile(r"(?:(?i:per)\s+|[/／]\s*|每\s*)$")
_UNIT_DENOMINATOR = re.compile(r"(?:1\s*)?(?:[KMkB]|million|thousand|百万|千|万)?(?![\d.eE^])")
_MARKUP = re.compile(r"\*\*|__")
_RACK_WORD = re.compile(r"(?i:racks?(?![a-z])|NVL\d+)|机柜|機櫃|机架|機架")
_RACK_BEFORE = re.compile(
    r"(?:(?i:racks?(?:'s)?(?![a-z])|nodes?(?:'s)?(?![a-z])|servers?(?:'s)?(?![a-z]))|机柜|機櫃"
    r"|机架|機架|服务器|服務器|节点|節點)[^，,。；;]{0,20}$"
)
#: "The rack's GPUs provide", "每个机柜的功耗": a rack's own power or compute follows.
_RACK_OWNS = re.compile(
    r"(?:(?i:the rack|each rack|per rack|a rack|one rack)|每个?机柜|每個?機櫃|单机柜|單機櫃"
    r"|机柜的|機櫃的)[^，,。；;：:]*$"
)
#: The largest rack-scale system (NVL576) holds 576 accelerators: a larger count in a
#: sentence about racks is a cluster's.
_RACK_MAX_CHIPS = 576
_SINGLE_BEFORE = re.compile(
    r"(?:单|單)\s*(?:(?P<gpu>卡|张卡|張卡|芯片|颗|顆|晶片|GPU)|(?P<rack>机柜|機櫃|机架|機架))"
    r"[^，,。；;]{0,12}$"
)
_IDIOM_BEFORE = re.compile(r"成[千百万萬]?$")
#: "2,048 × 720", "6 × parameters × tokens": a product, not a factor.
_OPERAND_AFTER = re.compile(r"\s*(?:[\d(（$€£¥￥]|[A-Za-z]{2,}\s*[×*])")
#: "between 20K and 25K", "between roughly $25,000 and $40,000".
_BETWEEN_BEFORE = re.compile(r"(?i:between)\s+(?:(?:about|roughly|around|approximately)\s+)?\S*$")
_MANY = re.compile(r"\s*(?:多|余|餘|几|幾)(?![万亿億萬千百十])")
_VENDOR = re.compile(r"\s*(?:NVIDIA|Nvidia|nvidia|英伟达|英偉達|輝達|AMD|华为|華為|Google|谷歌)\s*")
_SPACE = re.compile(r"\s*")


def _skip_spaces(text: str, position: int) -> int:
    """The first position at or after ``position`` that is not white space."""
    if text[position : position + 1].isspace():
        return _SPACE.match(text, position).end()  # type: ignore[union-attr]
    return position


_YEAR_IN_SENTENCE = re.compile(r"(?<![\d.])(?:19[5-9]\d|20\d\d)(?![\d.])")
_DOUBLING = re.compile(
    r"翻(?:了)?\s*(?:一\s*|1\s*)?倍|翻(?:了)?\s*(?P<fan>[一两兩三四五]|\d+)\s*番"
)
_DATE_AFTER_YEAR = re.compile(r"\s*(?:年)?\s*(?:[底初末代度级級]|\d{1,2}\s*月)")
_WEEKDAY_AFTER = re.compile(r"[一二三四五六日天末]")
#: Words before a bare "N 月"/"N 日" that make it a duration rather than a date.
_DURATION_CUE = re.compile(
    r"(?:时隔|時隔|历时|歷時|耗时|耗時|用了|花了|过去|過去|持续|持續|长达|長達|近|每|仅|僅|短短)\s*$"
)
_ORDINAL_BEFORE = re.compile(r"第\s*$")
_ONE_IN_WORD_BEFORE = frozenset("统統唯第之同单單万萬进進逐其另某专專划劃均归歸合一")
_LETTER_BEFORE_DASH = re.compile(r"[A-Za-z0-9]-$")

_MAG_CN = re.compile(
    # 兆 is a trillion (Traditional Chinese: 1 兆美元, 1.2 兆参数) except in unit words, where
    # it is mega (兆瓦, 兆赫, 兆字节)
    r"\s*(?:[十百千]?[万萬]?[亿億]|[十百千]?[万萬]|[十百千]|兆(?![瓦赫字位比帕焦欧歐]))"
)
_MAG_EN = re.compile(
    r"(?:(?P<letter>MM|mn|bn|tn|[KkMBT])(?![A-Za-z])"
    r"|\s(?P<spaced>[KMBT])(?=\s*[(（]?\s*(?:参数|參數|param|token))"
    r"|\s?(?P<word>thousand|millions?|billions?|trillions?|quadrillion)(?![A-Za-z]))"
)


def _cn_follow() -> str:
    """What may follow a Chinese numeral for it to be a quantity (a unit word or a chip)."""
    words = [w for w in vocabulary().units if not w.isascii() or (len(w) >= 3 and w[0].isalpha())]
    words = [w for w in words if w not in ("月", "日")]
    from claims.vocabulary import alternation

    accelerators = gazetteer().accelerator_re.pattern
    return (
        rf"(?:\s*(?:多|余|餘))?(?:\s*(?:-|~|～|到|至|、|或)\s*[{_CN}]+)?\s*(?:[个個张張片块塊颗顆枚]\s*)?"
        rf"(?:多\s*)?(?:{alternation(words)}|月|日|(?:英伟达|英偉達|NVIDIA|Nvidia)?\s*(?i:{accelerators}))"
    )


def _number_re() -> re.Pattern[str]:
    power = (
        rf"(?:{_ARABIC}\s*(?:×|\\times|\*|x|X|·)\s*)?10"
        r"(?:\^\{?[+-]?\d{1,3}\}?|\*\*[+-]?\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+)"
    )
    return re.compile(
        rf"(?:(?P<cur>{_CURRENCY_PREFIX})\s?)?"
        r"(?:"
        rf"百分之(?P<pct_cn>[{_CN}点點]+|{_ARABIC})"
        rf"|(?P<frac_cn_den>{_VAGUE}?[{_CN}]+)分之(?P<frac_cn_num>[{_CN}]+|{_ARABIC})"
        rf"|(?P<double>翻(?:了)?\s*(?:一\s*|1\s*)?倍|翻(?:了)?\s*(?:[一两兩三四五]|\d+)\s*番)"
        rf"|(?P<power>{power})"
        rf"|(?P<frac>{_ARABIC})/(?P<den>{_ARABIC})(?![\d/])"
        rf"|(?P<ratio>1):(?P<ratio_den>\d+(?:\.\d+)?)(?![\d:])"
        rf"|(?P<num>{_ARABIC})"
        rf"|(?P<cn_vague>{_VAGUE}[{_CN_MAG}]+)"
        rf"|(?P<cn>[{_CN}]+|半)(?={_cn_follow()})"
        r")"
    )


@dataclass(slots=True)
class _Reading:
    """What the scanner read at one number, before it becomes a Claim."""

    start: int
    end: int
    value: float
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    unit_entry: UnitWord | None = None
    kind_hint: str = "other"
    approx: bool = False
    bound: str = "="
    qualifiers: dict[str, str] = field(default_factory=dict)
    hardware: Entity | None = None
    has_magnitude: bool = False
    scientific: bool = False
    is_fraction: bool = False
    counter: str | None = None
    arabic: bool = True
    integer_text: bool = False
    #: followed by "× <number>": an operand of a product, with no unit of its own
    operand: bool = False


class _Scanner(MentionIndex):
    def __init__(self, text: str) -> None:
        self.text = text
        self.vocab = vocabulary()
        self.segments = Segments(text)
        self.mentions: list[Mention] = mentions(text)
        self.mention_starts = [m.start for m in self.mentions]
        self._years_by_sentence: dict[int, list[tuple[int, str]]] = {}
        self._names_by_sentence: dict[int, tuple[int, list[Mention], frozenset[int]]] = {}
        self._walk_by_sentence: dict[int, tuple[Mention | None, Mention | None]] = {}
        self._context_by_sentence: dict[int, str | None] = {}
        self._secondary_by_start: dict[int, bool] = {}
        self._topic_by_heading: dict[int, str | None] = {}
        self.number_re = NUMBER_RE

    # --- main loop ---------------------------------------------------------------------
    def run(self) -> list[Claim]:
        claims: list[Claim] = []
        text = self.text
        position = 0
        trigger = _TRIGGER.search
        match_number = self.number_re.match
        words = _english_numbers(text)
        next_word = next(words, None)
        while True:
            found = trigger(text, position)
            while next_word is not None and next_word.start() < position:
                next_word = next(words, None)
            if next_word is not None and (found is None or next_word.start() < found.start()):
                word, next_word = next_word, next(words, None)
                try:
                    reading = self._read_words(word)
                    claim = self._claim(reading) if reading is not None else None
                except Exception:  # noqa: BLE001 - one unreadable figure must not end the text
                    if STRICT:
                        raise
                    continue
                if claim is not None:
                    claims.append(claim)
                    position = max(position, claim.end)
                continue
            if found is None:
                break
            match = match_number(text, found.start())
            if match is None:
                position = found.end()
                continue
            position = match.end()
            try:
                reading, skip_to = self._read(match)
                if skip_to is not None:
                    position = max(position, skip_to)
                if reading is None:
                    continue
                position = max(position, reading.end)
                claim = self._claim(reading)
            except Exception:  # noqa: BLE001 - one unreadable figure must not end the text
                # the contract is to never raise on any text: skip the unreadable number
                if STRICT:
                    raise
                continue
            if claim is not None:
                claims.append(claim)
        return claims

    def _claim(self, reading: _Reading) -> Claim | None:  # pragma: no cover - overridden
        raise NotImplementedError

    # --- reading one number ----------------------------------------------------------------
    def _number_start(self, match: re.Match[str]) -> int:
        cur_end = match.end("cur")
        if cur_end < 0:
            return match.start()
        position = cur_end
        while position < match.end() and self.text[position].isspace():
            position += 1
        return position

    def _is_name_or_label(self, number_start: int, match: re.Match[str]) -> int | None:
        """Where to resume when the number is part of a name, version, date or label."""
        text = self.text
        excluded_end = self.segments.excluded(number_start)
        if excluded_end is not None:
            return excluded_end
        mention = self._mention_at(number_start)
        if mention is not None:
            return mention.end
        if match.group("cur") is not None:
            if match.start() in self.segments.latex_dollars:
                return None  # "$8/256=1/32$": the number is maths, read it without currency
            return None
        previous = text[number_start - 1] if number_start > 0 else ""
        if previous and (previous.isascii() and (previous.isalpha() or previous == "_")):
            return match.end()
        if previous == "." and number_start > 1 and text[number_start - 2].isdigit():
            return match.end()
        if previous == "-" and _LETTER_BEFORE_DASH.search(
            text, max(0, number_start - 2), number_start
        ):
            return match.end()
        if previous == "/" and number_start > 1:
            before = text[number_start - 2]
            if not (before.isdigit() or before.isupper() or before in "%)）"):
                return match.end()
        window = text[max(0, number_start - 14) : number_start]
        if _ORDINAL_BEFORE.search(window):
            return match.end()
        if previous == "[" and text[match.end() : match.end() + 1] == "]":
            return match.end()  # footnote [1]
        return None

    def _read(self, match: re.Match[str]) -> tuple[_Reading | None, int | None]:
        text = self.text
        number_start = self._number_start(match)
        skip = self._is_name_or_label(number_start, match)
        if skip is not None:
            return None, skip
        cur = match.group("cur")
        if cur is not None and match.start() in self.segments.latex_dollars:
            cur = None
        start = match.start() if cur is not None else number_start
        if cur is not None:
            lead = text[max(0, start - 3) : start]
            for prefix in ("US\\", "HK\\", "US", "HK", "NT", "\\"):
                if lead.endswith(prefix):
                    start -= len(prefix)
                    break
        reading = _Reading(start=start, end=match.end(), value=0.0)
        # "Llama 3", "Table 1": a label, unless a magnitude follows ("DeepSeek 16B")
        after_name = (
            cur is None
            and gazetteer().name_prefix_re.match(
                text[max(0, number_start - 14) : number_start][::-1]
            )
            is not None
        )
        end = match.end()
        groups = match.groupdict()

        if groups["pct_cn"] is not None:
            value = self._any_number(groups["pct_cn"])
            if value is None:
                return None, None
            reading.value = value
            reading.unit, reading.kind_hint = "percent", "ratio"
            reading.unit_entry = unit_word("%")
            return self._finish(reading, end), None
        if groups["frac_cn_den"] is not None:
            return self._chinese_fraction(reading, groups, end), None
        if groups["double"] is not None:
            fan = re.search(r"([一两兩三四五]|\d+)\s*番", groups["double"])
            times = 2.0
            if fan:
                count = parse_chinese(fan.group(1)) or parse_arabic(fan.group(1)) or 1.0
                times = 2.0**count
            reading.value = times
            reading.unit, reading.kind_hint = "dimensionless", "ratio"
            reading.unit_entry = unit_word("倍")
            return self._finish(reading, end), None

        first = self._value_of(groups)
        if first is None:
            return None, None
        if groups["cn"] is not None or groups["cn_vague"] is not None:
            reading.arabic = False
            written = groups["cn"] or groups["cn_vague"]
            if groups["cn"] is not None and len(written) == 1 and number_start > 0:
                if text[number_start - 1] in _ONE_IN_WORD_BEFORE:
                    return None, None
            if all(ch in _CN_MAG for ch in written):
                before = text[max(0, number_start - 2) : number_start].strip()
                if before.endswith(("每", "/", "／")):
                    return None, None
                unit_here = self.vocab.unit_re.match(text, number_start)
                if unit_here is not None and unit_here.end() > number_start + len(written):
                    return None, unit_here.end()  # "千瓦时", "兆瓦": the unit word itself
            if _THIS_BEFORE.search(text, max(0, number_start - 1), number_start):
                return None, None
            if written == "半" and text[number_start - 1 : number_start] in ("上", "下"):
                return None, None  # 上半年, 下半年: halves of a calendar year
            if all(ch in _CN_MAG for ch in written) and _UNIT_SPEC_BEFORE.search(
                text, max(0, number_start - 4), number_start
            ):
                return None, None  # "（万美元）", "单位：亿元": how figures are written
        neighbours = _ADJACENT_DIGITS.fullmatch(groups["cn"] or "")
        reading.is_fraction = groups["frac"] is not None or groups["ratio"] is not None
        reading.scientific = groups["power"] is not None or (
            groups["num"] is not None and ("e" in groups["num"] or "E" in groups["num"])
        )
        reading.integer_text = (
            groups["num"] is not None and groups["num"].replace(",", "").isdigit()
        )
        vague_written = groups["cn_vague"]

        # own magnitude, own percent/x mark
        first_value, end, first_has_mag = self._magnitude(first, end, groups)
        first_is_denominator = groups["frac"] is not None
        own_mark = None
        mark = _OWN_MARK.match(text, end)
        if mark is not None and mark.group().strip() in ("×", "x", "X"):
            if _OPERAND_AFTER.match(text, mark.end()):
                mark = None  # "2,048 × 720 × 2.80": a multiplication, not a factor
                reading.operand = True
        # a "x" directly after a number (3x-4x) or "%" (5%~13%) belongs to the first number too
        if mark is not None:
            own_mark = mark.group().strip()
            mark_end = mark.end()
        low = high = None
        # range
        sep = _RANGE_SEP.match(text, mark.end() if mark is not None else end)
        if sep is not None and sep.group().strip():
            word = sep.group().strip().lower()
            # "从 15.6%到 71%" is a change, "5%~13%" a range
            allowed = not (own_mark in ("%", "％") and word in ("到", "to", "and"))
            if word in ("、", "或"):
                # "一、两年", "三或四个月": only between Chinese numerals, not in lists
                following = self.number_re.match(text, sep.end())
                allowed = (
                    groups["cn"] is not None
                    and following is not None
                    and following.group("cn") is not None
                )
            if word == "and" and allowed:
                allowed = _BETWEEN_BEFORE.search(text, max(0, start - 24), start) is not None
            second = self.number_re.match(text, sep.end()) if allowed else None
            if second is not None and second.start() == sep.end():
                second_reading = self._second(second, groups, first_has_mag)
                if second_reading is not None:
                    second_value, second_end, second_has_mag, second_mark = second_reading
                    # "from $60 to $0.06" is a change; ranges are written low to high
                    falling = word in ("to", "到", "至") and second_value[0] < first_value
                    if not falling and (
                        own_mark is None or second_mark == own_mark or second_mark is None
                    ):
                        if second_has_mag and not first_has_mag and not first_is_denominator:
                            first_value = first_value * (second_value[1])
                        elif second_has_mag and not first_has_mag and first_is_denominator:
                            first_value = first_value / second_value[1]
                        low, high = sorted((first_value, second_value[0]))
                        end = second_end
                        if second_mark is not None:
                            own_mark = second_mark
                        mark = None
                        reading.has_magnitude = first_has_mag or second_has_mag
        if low is None:
            reading.has_magnitude = first_has_mag
            if mark is not None:
                end = mark_end
        if own_mark is not None:
            reading.unit_entry = unit_word(own_mark)
        if neighbours is not None and low is None:
            # 两三年, 三四倍: "two or three"
            low, high = sorted(
                (
                    float(_CN_DIGIT_VALUE[neighbours.group(1)]),
                    float(_CN_DIGIT_VALUE[neighbours.group(2)]),
                )
            )
            reading.approx = True
        reading.value = first_value if low is None or high is None else (low + high) / 2.0
        reading.low, reading.high = low, high
        idiom = False
        if vague_written is not None:
            self._vague(reading, vague_written)
            end = self._vague_range(reading, end)
            # "成千上万", "成百上千": an idiom for "many" unless a unit follows ("上万张 H100")
            idiom = _IDIOM_BEFORE.search(text, max(0, number_start - 2), number_start) is not None
        if after_name and not reading.has_magnitude:
            return None, end
        end = self._unit(reading, end)
        if idiom and reading.unit_entry is None:  # "成千上万台机器": many machines, no figure
            return None, end
        return self._finish(reading, end), None

    def _read_words(self, match: re.Match[str]) -> _Reading | None:
        """ "four years", "two million GPUs", "hundreds of millions of dollars"."""
        start, end = match.start(), match.end()
        if self.segments.excluded(start) is not None or self._mention_at(start) is not None:
            return None
        reading = _Reading(start=start, end=end, value=0.0)
        written = match.group().lower()
        if match.group("vague") is not None:
            magnitude = 1.0
            for word in re.findall(r"[a-z]+", written):
                magnitude *= _EN_VAGUE.get(word, 1.0)
            reading.low, reading.high = magnitude, magnitude * 10
            reading.value = magnitude * 3
            reading.approx = True
            reading.qualifiers["vague"] = "1"
        else:
            value = _english_value(written)
            if value is None:
                return None
            reading.value = value
            reading.has_magnitude = any(w in written for w in ("hundred", "thousand", "illion"))
        end = self._unit(reading, end)
        if reading.unit_entry is None and reading.unit is None:
            if not reading.has_magnitude:
                return None
        return self._finish(reading, end)

    def _vague_range(self, reading: _Reading, end: int) -> int:
        """数亿乃至数十亿: a range whose ends are vague (or the second one exact: 十亿)."""
        sep = _VAGUE_SEP.match(self.text, end)
        if sep is None:
            return end
        second = self.number_re.match(self.text, sep.end())
        if second is None or second.start() != sep.end():
            return end
        if second.group("cn_vague") is not None:
            magnitude = magnitude_of(second.group("cn_vague").lstrip("数數几幾好上")) or 1.0
            high = magnitude * 10
        elif second.group("cn") is not None:
            high = parse_chinese(second.group("cn")) or 0.0
        else:
            return end
        if reading.low is None or high <= reading.low:
            return end
        reading.high = high
        reading.value = (reading.low + high) / 2.0
        return second.end()

    def _any_number(self, written: str) -> float | None:
        if written and written[0].isdigit():
            return parse_arabic(written)
        return parse_chinese(written.replace("点", ".").replace("點", "."))

    def _value_of(self, groups: dict[str, str | None]) -> float | None:
        if groups["num"] is not None:
            return parse_arabic(groups["num"])
        if groups["power"] is not None:
            return parse_power(groups["power"])
        if groups["frac"] is not None:
            return parse_arabic(groups["frac"])  # the denominator is applied in _magnitude
        if groups["ratio"] is not None:
            den = parse_arabic(groups["ratio_den"] or "")
            return 1.0 / den if den else None
        if groups["cn"] is not None:
            return parse_chinese(groups["cn"])
        if groups["cn_vague"] is not None:
            return 1.0
        return None

    def _magnitude(
        self, value: float, end: int, groups: dict[str, str | None]
    ) -> tuple[float, int, bool]:
        """Apply a magnitude word after the number (to the denominator of a fraction)."""
        text = self.text
        if groups.get("cn_vague") is not None:
            return value, end, True
        if groups.get("frac") is not None:
            denominator = parse_arabic(groups["den"] or "")
            if not denominator:
                return value, end, False
            factor, mag_end = self._magnitude_word(end, allow_english=False)
            if factor is not None:
                return value / (denominator * factor), mag_end, True
            return value / denominator, end, False
        if groups.get("cn") is not None:
            return value, end, any(ch in _CN_MAG for ch in groups["cn"] or "")
        factor, mag_end = self._magnitude_word(end, allow_english=groups.get("num") is not None)
        if factor is not None:
            # a unit word that starts with a magnitude letter wins: "5MW", "50TB", "1 兆瓦"
            unit_match = self.vocab.unit_re.match(text, _skip_spaces(text, end))
            if unit_match is not None and unit_match.end() >= mag_end and unit_match.group():
                return value, end, False
            return value * factor, mag_end, True
        return value, end, False

    def _magnitude_word(self, end: int, allow_english: bool) -> tuple[float | None, int]:
        text = self.text
        match = _MAG_CN.match(text, end)
        if match is not None and match.group().strip():
            factor = magnitude_of(match.group().strip())
            return factor, match.end()
        if allow_english:
            match = _MAG_EN.match(text, end)
            if match is not None:
                written = match.group("letter") or match.group("spaced") or match.group("word")
                factor = EN_MAGNITUDES.get(written) or magnitude_of(written)
                return factor, match.end()
        return None, end

    def _second(
        self, match: re.Match[str], first_groups: dict[str, str | None], first_has_mag: bool
    ) -> tuple[tuple[float, float], int, bool, str | None] | None:
        """The second number of a range: (value, its magnitude factor), end, has_mag, mark."""
        groups = match.groupdict()
        if groups["cur"] is not None and first_groups["cur"] is None:
            return None
        same_class = (groups["frac"] is not None) == (first_groups["frac"] is not None) and (
            groups["cn"] is not None
        ) == (first_groups["cn"] is not None)
        if (
            not same_class
            or groups["num"] is None
            and groups["frac"] is None
            and groups["cn"] is None
            and groups["power"] is None
        ):
            return None
        value = self._value_of(groups)
        if value is None:
            return None
        end = match.end()
        text = self.text
        if groups["frac"] is not None:
            denominator = parse_arabic(groups["den"] or "")
            if not denominator:
                return None
            factor, mag_end = self._magnitude_word(end, allow_english=False)
            if factor is not None:
                return (value / (denominator * factor), factor), mag_end, True, None
            return (value / denominator, 1.0), end, False, None
        factor = None
        if groups["num"] is not None:
            factor, mag_end = self._magnitude_word(end, allow_english=True)
            if factor is not None:
                unit_match = self.vocab.unit_re.match(text, _skip_spaces(text, end))
                if unit_match is not None and unit_match.end() >= mag_end:
                    factor = None
                else:
                    end = mag_end
        elif groups["cn"] is not None:
            pass
        mark = _OWN_MARK.match(text, end)
        mark_text = None
        if mark is not None:
            mark_text = mark.group().strip()
            end = mark.end()
        scale = factor or 1.0
        return (value * scale, scale), end, factor is not None, mark_text

    def _chinese_fraction(
        self, reading: _Reading, groups: dict[str, str | None], end: int
    ) -> _Reading | None:
        denominator_text = groups["frac_cn_den"] or ""
        numerator = self._any_number(groups["frac_cn_num"] or "")
        vague = denominator_text[:1] in "数數几幾"
        denominator = parse_chinese(denominator_text.lstrip("数數几幾好"))
        if numerator is None or not denominator:
            return None
        reading.arabic = False
        reading.is_fraction = True
        if vague:
            reading.low = numerator / (denominator * 10)
            reading.high = numerator / denominator
            reading.value = numerator / (denominator * 3)
            reading.approx = True
            reading.qualifiers["vague"] = "1"
        else:
            reading.value = numerator / denominator
        reading.unit, reading.kind_hint = "dimensionless", "ratio"
        reading.unit_entry = unit_word("倍")
        return self._finish(reading, end)

    def _vague(self, reading: _Reading, written: str) -> None:
        """数万亿 = several × 1e12: low 1e12, high 1e13, value 3e12; 上亿 = at least 1e8."""
        magnitude = magnitude_of(written.lstrip("数數几幾好上")) or 1.0
        reading.qualifiers["vague"] = "1"
        if written.startswith("上"):
            reading.value = magnitude
            reading.bound = ">"
            return
        reading.low, reading.high = magnitude, magnitude * 10
        reading.value = magnitude * 3
        reading.approx = True

    # --- what follows the number ---------------------------------------------------------
    def _unit(self, reading: _Reading, end: int) -> int:
        """Read counter, vendor, accelerator, precision and unit word; returns the quote end."""
        text = self.text
        vocab = self.vocab
        if reading.unit_entry is not None or reading.operand:
            # 倍 / x / %: done, except "10^9 TFLOPS"-style units never follow a mark
            return end
        position = end
        many = _MANY.match(text, position)
        if many is not None and reading.arabic is not None:
            reading.bound = ">"
            position = many.end()
            end = position
        markup = _MARKUP.match(text, position)
        if markup is not None:
            position = markup.end()
        elif position in self.segments.latex_dollars:
            position += 1  # "$3.1 \times 10^{23}$ FLOPs"
        after_space = _skip_spaces(text, position)
        if text[after_space : after_space + 1] == "-" and after_space == position:
            after_space += 1  # "72-chip rack"
        unit_match = vocab.unit_re.match(text, after_space)
        if unit_match is None:
            adjective = vocab.adjective_re.match(text, after_space)
            if adjective is not None:
                unit_match = vocab.unit_re.match(text, adjective.end())
                if unit_match is not None and not unit_match.group().isascii():
                    unit_match = None
        if unit_match is None:
            # counter (个, 张), then 多, vendor and accelerator, then precision, then unit
            counter = vocab.counter_re.match(text, position)
            cursor = position
            if counter is not None:
                reading.counter = counter.group().strip()
                cursor = counter.end()
                many = _MANY.match(text, cursor)
                if many is not None:
                    reading.bound = ">"
                    cursor = many.end()
            vendor = _VENDOR.match(text, cursor)
            hardware_cursor = (
                vendor.end()
                if vendor is not None and vendor.group().strip()
                else _skip_spaces(text, cursor)
            )
            hardware = gazetteer().accelerator_re.match(text, hardware_cursor)
            if hardware is not None:
                reading.hardware = lookup(hardware.group())
                cursor = hardware.end()
            precision = vocab.precision_re.match(text, _skip_spaces(text, cursor))
            precision_end = None
            if precision is not None:
                precision_end = precision.end()
            unit_at = _skip_spaces(text, precision_end or cursor)
            if reading.hardware is not None and text[unit_at : unit_at + 1] == "-":
                unit_at += 1  # "7.6 million A100-hours"
            unit_match = vocab.unit_re.match(text, unit_at)
            if unit_match is not None and precision is not None:
                reading.qualifiers["precision"] = vocab.precision_by_word.get(
                    precision.group().lower(), precision.group().upper()
                )
            if unit_match is None:
                if reading.hardware is not None:
                    reading.unit, reading.kind_hint = "GPU", "chip_count"
                    reading.unit_entry = unit_word("GPU")
                    return cursor
                if counter is not None and reading.arabic:
                    return self._counted(reading, counter.end(), counter.group().strip())
                english = vocab.english_counter_re.match(text, position)
                if english is not None and reading.arabic:
                    reading.counter = english.group().strip()
                    reading.unit, reading.kind_hint = "dimensionless", "other"
                    return english.end()
                return end
        entry = unit_word(unit_match.group())
        if entry is None:
            return end
        if entry.unit == "hour" and reading.hardware is not None:
            entry = unit_word("GPU hours") or entry
        reading.unit_entry = entry
        return self._repeated_unit_range(reading, unit_match.end(), entry)

    def _repeated_unit_range(self, reading: _Reading, end: int, entry: UnitWord) -> int:
        """ "半年到一年", "3 months to 4 months": a range that repeats its unit."""
        if reading.low is not None:
            return end
        sep = _RANGE_SEP.match(self.text, end)
        if sep is None or sep.group().strip().lower() in ("", "and"):
            return end
        second = self.number_re.match(self.text, sep.end())
        if second is None or second.start() != sep.end():
            return end
        if second.group("num") is not None:
            value = parse_arabic(second.group("num"))
        elif second.group("cn") is not None:
            value = parse_chinese(second.group("cn"))
        else:
            return end
        after = _skip_spaces(self.text, second.end())
        unit_match = self.vocab.unit_re.match(self.text, after)
        if value is None or unit_match is None or unit_word(unit_match.group()) != entry:
            return end
        reading.low, reading.high = sorted((reading.value, value))
        reading.value = (reading.low + reading.high) / 2.0
        return unit_match.end()

    def _counted(self, reading: _Reading, end: int, counter: str) -> int:
        """A count with a counter word: chips when the sentence is about chips."""
        if counter in self.vocab.counters_chip:
            sentence_start, sentence_end = self.segments.sentence(reading.start)
            sentence = self.text[sentence_start:sentence_end]
            if re.search(r"GPU|芯片|显卡|顯卡|加速卡|卡|chip|accelerator", sentence) or any(
                m.entity.kind == "accelerator"
                for m in self._mentions_between(sentence_start, sentence_end)
            ):
                reading.unit, reading.kind_hint = "GPU", "chip_count"
                reading.unit_entry = unit_word("GPU")
                return end
        reading.unit, reading.kind_hint = "dimensionless", "other"
        return end

    # --- cues around the quote -----------------------------------------------------------
    def _finish(self, reading: _Reading, end: int) -> _Reading | None:
        reading.end = end
        text = self.text
        entry = reading.unit_entry
        if entry is not None:
            if entry.calendar is not None and not self._is_duration(reading, entry):
                return None
            reading.unit, reading.kind_hint = entry.unit, entry.kind
            scale = entry.scale
            if entry.power_of_ten:
                reading.value = 10.0**reading.value if reading.value < 300 else math.inf
                if reading.low is not None and reading.high is not None:
                    reading.low, reading.high = 10.0**reading.low, 10.0**reading.high
                    reading.value = math.sqrt(reading.low * reading.high)
            elif scale != 1.0:
                reading.value *= scale
                if reading.low is not None and reading.high is not None:
                    reading.low *= scale
                    reading.high *= scale
        if _SOCIAL_BEFORE.search(text, max(0, reading.start - 12), reading.start) or (
            _SOCIAL_AFTER.match(text, reading.end)
        ):
            return None
        if reading.counter in ("位",) and _BITS_AFTER.match(text, reading.end):
            return None
        if _RESOLUTION.fullmatch(text, reading.start, reading.end) and _RESOLUTION_AFTER.match(
            text, reading.end
        ):
            return None  # "4K 分辨率", "8K video": a resolution, not 4,000 of anything
        per_second = _PER_SECOND.match(text, reading.end)
        if reading.unit in ("byte", "token") and per_second is not None:
            reading.unit = f"{reading.unit}/second"  # bandwidth, decoding speed
            reading.end = per_second.end()
        if _DENOMINATOR_BEFORE.search(text, max(0, reading.start - 6), reading.start):
            if _UNIT_DENOMINATOR.match(text, reading.start, reading.end):
                return None  # "USD per 1M tokens", "美元/百万": a denominator, not a figure
        cur_written = self._currency(reading)
        if cur_written is not None and (reading.unit is None or reading.unit == "dimensionless"):
            reading.unit, reading.kind_hint = cur_written, "other"
        if reading.unit is None:
            if not self._unitless(reading):
                return None
        # "~" / "≈" directly before the quote belong to it
        if reading.start > 0 and text[reading.start - 1] in "~～≈":
            reading.start -= 1
            reading.approx = True
        self._cues(reading)
        if not all(map(math.isfinite, (reading.value, reading.low or 0.0, reading.high or 0.0))):
            return None
        return reading

    def _currency(self, reading: _Reading) -> str | None:
        written = self.text[reading.start : reading.start + 4]
        if not written or written[0].isdigit():
            return None
        for prefix, unit in (
            ("HK$", "HKD"),
            ("US$", "USD"),
            ("NT$", None),
            ("A$", None),
            ("C$", None),
            ("S$", None),
        ):
            if written.startswith(prefix):
                return unit
        stripped = written.lstrip("\\")
        return _CURRENCY_OF_PREFIX.get(stripped[:1])

    def _is_duration(self, reading: _Reading, entry: UnitWord) -> bool:
        """Years and months as written are dates unless the text makes them durations."""
        text = self.text
        value = reading.value
        whole = value == int(value)
        if entry.calendar == "year":
            if whole and 1900 <= value <= 2100 and reading.low is None:
                return False
            if (
                reading.low is not None
                and reading.low >= 1900
                and reading.high
                and reading.high <= 2100
            ):
                return False
            if _DATE_AFTER_YEAR.match(text, reading.end):
                return False
            if (
                entry.word == "年"
                and whole
                and value >= 10
                and text[reading.end : reading.end + 1] in "底初末"
            ):
                return False
            return True
        before = text[max(0, reading.start - 6) : reading.start]
        if entry.calendar == "month" and entry.word in ("月",):
            return _DURATION_CUE.search(before) is not None
        if entry.calendar == "day" and entry.word == "日":
            return _DURATION_CUE.search(before) is not None
        if entry.calendar == "week" and entry.word in ("周", "週"):
            return not _WEEKDAY_AFTER.match(text, reading.end)
        return True

    def _unitless(self, reading: _Reading) -> bool:
        """A number with no unit word: a claim if it has a magnitude, exponent or is a fraction
        (the unit then comes from its context), or fills a table cell."""
        text = self.text
        if reading.is_fraction:
            reading.unit, reading.kind_hint = "dimensionless", "ratio"
            return True
        cell = self.segments.cell(reading.start)
        if cell is not None and reading.arabic:
            content = text[cell.start : cell.end].strip()
            core = re.sub(r"[（(][^()（）]*[)）]$", "", content).strip().lstrip("<>~≈约約").strip()
            quote = text[reading.start : reading.end].strip()
            if core == quote and not (
                reading.value == int(reading.value) and 1900 <= reading.value <= 2100
            ):
                return self._table_unit(reading, cell)
        if reading.has_magnitude or reading.scientific:
            if reading.arabic and reading.integer_text and not reading.has_magnitude:
                return False
            reading.unit, reading.kind_hint = self._context_unit(reading)
            return True
        return False

    def _context_unit(self, reading: _Reading) -> tuple[str, str]:
        """A unit for "6710 亿", "36T", "超过 1 亿" from the words just after or around it."""
        text = self.text
        after = text[reading.end : reading.end + 24]
        following = self.vocab.unit_re.search(after)
        if following is not None and _NUMBER_LIST_GAP.fullmatch(after, 0, following.start()):
            entry = unit_word(following.group())
            if entry is not None and entry.unit in ("token", "parameter", "FLOP", "GPU*hour"):
                reading.unit_entry = entry
                return entry.unit, entry.kind
        if reading.value < 1e8:
            return "dimensionless", "other"
        named = self._mention_at(_BEFORE_SPACE_END(text, reading.start))
        if named is not None and named.entity.kind == "model":
            return "parameter", "parameter_count"  # "Llama 3.1 405B"
        if _MODEL_AFTER.match(after):
            return "parameter", "parameter_count"
        # "1.4T" in a sentence about both: the nearer of "parameters" and "tokens"
        sentence_start, sentence_end = self.segments.sentence(reading.start)
        best: tuple[int, str] | None = None
        words = ((_PARAMETER_WORD, "parameter"),) + (
            ((_TOKEN_WORD, "token"),) if reading.value >= 1e9 else ()
        )
        for pattern, unit in words:
            for word in pattern.finditer(text, sentence_start, sentence_end):
                distance = (
                    word.start() - reading.end
                    if word.start() >= reading.end
                    else reading.start - word.end()
                )
                if best is None or distance < best[0]:
                    best = (distance, unit)
        if best is not None:
            return best[1], "parameter_count" if best[1] == "parameter" else "token_count"
        return "dimensionless", "other"

    def _table_unit(self, reading: _Reading, cell) -> bool:
        """A bare number in a table takes the unit named in its row header, else column."""
        reading.qualifiers["table"] = "1"
        for header in (cell.row_header, cell.column_header):
            if not header:
                continue
            dollars = _HEADER_DOLLARS.search(header)
            if dollars is not None:
                # "Cost ($M)": US dollars, in millions
                reading.unit, reading.kind_hint = "USD", "other"
                reading.value *= EN_MAGNITUDES.get(dollars.group(1), 1.0)
                return True
            unit_match = self.vocab.unit_re.search(header)
            while unit_match is not None:
                entry = unit_word(unit_match.group())
                if (
                    entry is not None
                    and entry.unit not in ("dimensionless",)
                    and entry.calendar is None
                ):
                    reading.unit_entry = entry
                    reading.unit, reading.kind_hint = entry.unit, entry.kind
                    if entry.scale != 1.0:
                        reading.value *= entry.scale
                    # "训练成本（万美元）", "(百万 tokens)": the header's magnitude applies
                    magnitude = _HEADER_MAGNITUDE.search(header, 0, unit_match.start())
                    if magnitude is not None:
                        reading.value *= magnitude_of(magnitude.group(1)) or 1.0
                    per = self.vocab.per_after_re.match(header, unit_match.end())
                    if per is not None:
                        reading.qualifiers["per"] = canonical_per(per.group("per"))
                    hardware = gazetteer().accelerator_re.search(header)
                    if hardware is not None:
                        reading.hardware = lookup(hardware.group())
                    return True
                unit_match = self.vocab.unit_re.search(header, unit_match.end())
        # no unit in the headers: a bare number is a figure only in a row of figures
        # ("Codeforces Elo  2727  1891"), not a name or label in a row of words ("360")
        numeric_cells = sum(1 for cell_text in cell.row_cells if _NUMERIC_CELL.fullmatch(cell_text))
        if numeric_cells < 2 and not (reading.has_magnitude or reading.scientific):
            return False
        reading.unit, reading.kind_hint = "dimensionless", "other"
        return True

    def _cues(self, reading: _Reading) -> None:
        """Bounds, approximation, denominators and scope from the words around the quote."""
        text = self.text
        vocab = self.vocab
        sentence_start, _ = self.segments.sentence(reading.start)
        before = text[max(sentence_start, reading.start - 14) : reading.start]
        after_end = reading.end
        backwards = before[::-1]
        position = 0
        for _ in range(2):  # "up to about 5 times": an approximation and a bound
            cue = vocab.before_cue_re.match(backwards, position)
            if cue is None or cue.end() == position:
                break
            category = vocab.before_cue_kind.get(squeeze(cue.group()[::-1]))
            if category == "≈":
                reading.approx = True
            elif category is not None and reading.bound == "=":
                reading.bound = category
            position = cue.end()
        following = _skip_spaces(text, after_end)
        next_char = text[following : following + 1].lower()
        if next_char in vocab.after_cue_starts:
            after = vocab.upper_after_re.match(text, after_end)
            if after is not None:
                reading.bound = "<"
            else:
                after = vocab.lower_after_re.match(text, after_end)
                if (
                    after is not None
                    and reading.unit not in ("percent",)
                    or (after is not None and after.group().strip() in ("+", "+", "以上"))
                ):
                    reading.bound = ">"
            if vocab.approx_after_re.match(text, after_end):
                reading.approx = True
        if reading.bound == "=" and reading.approx:
            reading.bound = "≈"
        # denominators: "$2 per GPU hour", "0.55 美元/百万", "每个 GPU 小时 2 美元"
        per = (
            vocab.per_after_re.match(text, after_end)
            if next_char and next_char in _PER_STARTS
            else None
        )
        if per is not None:
            reading.qualifiers["per"] = canonical_per(per.group("per"))
        else:
            clause = text[max(sentence_start, reading.start - 24) : reading.start]
            clause = _CLAUSE_MARKS.split(clause)[-1]
            per_before = (
                vocab.per_before_re.search(clause)
                if "每" in clause or "单位" in clause or "單位" in clause
                else None
            )
            single = (
                _SINGLE_BEFORE.search(clause)
                if ("单" in clause or "單" in clause)
                and (reading.unit in ("W", "FLOP/s") or reading.unit in kinds.MONEY_UNITS)
                else None
            )
            if per_before is not None:
                reading.qualifiers["per"] = canonical_per(per_before.group("per"))
            elif single is not None:
                # "单卡 70 千瓦", "单机柜功耗 120 kW": one chip's or one rack's figure
                reading.qualifiers["per"] = "GPU" if single.group("gpu") else "rack"
            elif reading.unit == "dimensionless" and vocab.per_year_before_re.search(clause):
                reading.qualifiers["per"] = "year"


NUMBER_RE = _number_re()


#: Between "36T" and the unit of a list of figures ("36T and 40T token datasets").
_CHANGE_WORDS = (
    r"(?:提升|提高|增长|增長|增加|下降|降低|减少|減少|改善|改进|改進|(?i:improvements?|increases?"
    r"|gains?|boosts?|drops?|reductions?|jumps?))"
)
#: "22% 的准确率提升", "5% improvement": the change word within a few characters after.
_CHANGE_AFTER = re.compile(r"\s*(?:的)?\s*[^\s，,。；;\d%]{0,4}\s*" + _CHANGE_WORDS)
#: "提升了 22%", "improved by 5%", "increase of 5%".
_CHANGE_BEFORE = re.compile(
    r"(?:提升|提高|增长|增長|增加|下降|降低|减少|減少|(?i:improved|increased|rose|fell|dropped"
    r"|improvement of|increase of|gain of|up|down)(?:\s*by)?)[了达達至到\s]*$"
)
#: A chip count that sizes a rack, server or node rather than a cluster.
_RACK_AFTER = re.compile(
    r"[\s-]*(?:的\s*)?(?:(?i:racks?|servers?|nodes?|pods?)(?![A-Za-z])|机柜|機櫃|机架|機架|服务器|伺服器"
    r"|服務器|节点|節點)"
)
_PARAMETER_WORD = re.compile(r"参数|參數|(?i:param)")
_TOKEN_WORD = re.compile(r"(?i:token)")
_MODEL_AFTER = re.compile(r"\s*(?:模型|model)")
_NUMBER_LIST_GAP = re.compile(
    r"[\s\d.,KMBTkmb万亿億萬~\-–和与與及、/]*(?:and|or|to)?[\s\d.,KMBTkmb万亿億萬]*"
)
_TOTAL_BEFORE = re.compile(r"(?:总|總|集群|综合|綜合|合计|合計|共计|共計|total|combined|aggregate)")
_PER_CHIP_BEFORE = re.compile(
    r"(?:单卡|單卡|每卡|每张|每張|每颗|每顆|每块|每塊|每片|单芯片|單芯片|单张|單張|单颗|單顆"
    r"|per[- ]chip|per[- ]GPU|(?i:a single|one single)\s)"
)
_OF_BEFORE = re.compile(r"\s*的\s*$")
_CLAUSE_SPLIT = re.compile(r"[，,。；;：:（(）)]")


def _scope_after_re() -> re.Pattern[str]:
    vocab = vocabulary()
    from claims.vocabulary import alternation

    return re.compile(
        r"\s*(?:\(|（)?\s*(?:(?P<per_chip>" + alternation(vocab.per_chip_words) + r")"
        r"|(?P<total>" + alternation(vocab.total_words) + r"))",
        re.IGNORECASE,
    )


_SCOPE_AFTER = _scope_after_re()


class _ClaimBuilder(SubjectPicker, _Scanner):
    def _claim(self, reading: _Reading) -> Claim | None:
        text = self.text
        if reading.unit == "GPU" and reading.value == 1 and not reading.arabic:
            return None  # "一张 H100 的售价", "一块芯片上": 一 is an article here, not a count
        sentence_start, sentence_end = self.segments.sentence(reading.start)
        sentence_start = min(sentence_start, reading.start)
        sentence_end = max(sentence_end, reading.end)
        sentence = text[sentence_start:sentence_end]
        unit = reading.unit or "dimensionless"
        qualifiers = dict(reading.qualifiers)
        per = qualifiers.get("per")
        scope = None
        if unit in ("FLOP/s", "FLOP"):
            if unit == "FLOP/s":
                scope = self._scope(reading, sentence_start, per)
                if scope is not None:
                    qualifiers["scope"] = scope
                if per == "GPU":
                    qualifiers.pop("per", None)
            if "precision" not in qualifiers:
                precision = self._precision_near(reading, sentence_start, sentence_end)
                if precision is not None:
                    qualifiers["precision"] = precision
            elif self.vocab.sparse_re.search(
                text, reading.end, min(sentence_end, reading.end + 24)
            ):
                qualifiers["precision"] += "-sparse"
        if unit == "GPU" and per is None and self._sizes_a_rack(reading, sentence_start, sentence):
            qualifiers["per"] = per = "rack"  # "72-chip rack", "the rack's 72 GPUs": per rack
        elif (
            unit in ("W", "FLOP/s")
            and per is None
            and _RACK_OWNS.search(text, max(sentence_start, reading.start - 40), reading.start)
        ):
            qualifiers["per"] = per = "rack"  # "the rack's 72 GPUs provide 180 PFLOP/s"
        if unit == "token" and per == "parameter":
            unit = "token/parameter"
        quote_start = reading.start - sentence_start
        quote_end = reading.end - sentence_start
        cue_kind = None
        if unit in kinds.MONEY_UNITS or unit == "percent":
            cue_kind = kinds.nearest_cue(sentence, quote_start, quote_end)
            if cue_kind is None and unit in kinds.MONEY_UNITS:
                cue_kind = self._context_cue(reading, sentence_start)
            if unit == "percent" and cue_kind != "benchmark_score":
                if any(
                    m.entity.kind == "dataset"
                    for m in self._mentions_between(sentence_start, sentence_end)
                ):
                    cue_kind = "benchmark_score"
            if cue_kind == "benchmark_score" and self._is_change(reading, sentence_start):
                cue_kind = None  # "22% 的准确率提升", "improved accuracy by 5%": a change
        growth = per == "year"
        kind = kinds.decide(
            unit,
            reading.kind_hint,
            reading.value,
            per,
            scope,
            cue_kind,
            growth,
        )
        hardware = reading.hardware
        if hardware is None and kind in (
            "chip_count",
            "gpu_hours",
            "chip_throughput",
            "cluster_throughput",
            "power",
            "capex",
        ):
            hardware = self._nearest_accelerator(reading, sentence_start, sentence_end)
        if hardware is not None:
            qualifiers["hardware"] = hardware.name
        year = self._year(reading, sentence_start, sentence)
        if year is not None:
            qualifiers["year"] = year
        if kind in ("ratio", "growth_rate"):
            of = self._of(reading)
            if of is not None:
                qualifiers["of"] = of
        subject = self._subject(reading, sentence_start, sentence_end, kind, per, hardware)
        if kind == "other" and cue_kind is None and unit in kinds.MONEY_UNITS and per is None:
            # "Stargate will cost $500 billion": money spent on a cluster or project is capex
            entity = lookup(subject) if subject else None
            if entity is not None and entity.kind in ("cluster", "project"):
                kind = "capex"
        return Claim(
            start=reading.start,
            end=reading.end,
            quote=text[reading.start : reading.end],
            sentence=sentence,
            value=float(reading.value),
            unit=unit,
            kind=kind,
            low=reading.low,
            high=reading.high,
            approx=reading.approx,
            bound=reading.bound,
            subject=subject,
            qualifiers=qualifiers,
            sentence_start=sentence_start,
            sentence_end=sentence_end,
            paragraph=self.segments.paragraph(reading.start),
        )

    def _sizes_a_rack(self, reading: _Reading, sentence_start: int, sentence: str) -> bool:
        """A chip count of one rack, server or node: the rack word right after it ("72-chip
        rack") or just before it ("the rack's 72 GPUs", "每机柜 72 张"), or a rack-sized
        count in a sentence about racks."""
        text = self.text
        if _RACK_AFTER.match(text, reading.end):
            return True
        if _RACK_BEFORE.search(text, max(sentence_start, reading.start - 28), reading.start):
            return True
        return reading.value <= _RACK_MAX_CHIPS and _RACK_WORD.search(sentence) is not None

    def _is_change(self, reading: _Reading, sentence_start: int) -> bool:
        """A percentage that is a change of a score, not the score ("提升 22%", "22% 的
        准确率提升", "a 5% improvement")."""
        text = self.text
        if _CHANGE_AFTER.match(text, reading.end):
            return True
        return (
            _CHANGE_BEFORE.search(text, max(sentence_start, reading.start - 12), reading.start)
            is not None
        )

    def _scope(self, reading: _Reading, sentence_start: int, per: str | None) -> str | None:
        if per == "GPU":
            return "per_chip"
        after = _SCOPE_AFTER.match(self.text, reading.end)
        if after is not None:
            return "per_chip" if after.group("per_chip") else "total"
        clause = _CLAUSE_SPLIT.split(
            self.text[max(sentence_start, reading.start - 20) : reading.start]
        )[-1]
        if _PER_CHIP_BEFORE.search(clause):
            return "per_chip"
        if _TOTAL_BEFORE.search(clause):
            return "total"
        return None

    def _precision_near(
        self, reading: _Reading, sentence_start: int, sentence_end: int
    ) -> str | None:
        """A precision word in the same clause as a FLOP figure (before or just after it)."""
        vocab = self.vocab
        lo = max(sentence_start, reading.start - 16)
        hi = min(sentence_end, reading.end + 16)
        best = None
        for match in vocab.precision_re.finditer(self.text, lo, hi):
            best = vocab.precision_by_word.get(match.group().lower(), match.group().upper())
            if match.start() >= reading.end:
                break
        if best is not None and vocab.sparse_re.search(self.text, lo, min(sentence_end, hi + 24)):
            best += "-sparse"
        return best

    def _context_cue(self, reading: _Reading, sentence_start: int) -> str | None:
        """A money figure whose sentence has no cue takes the one of the sentence before
        ("…would need to cost $140bn. But by 2030 we would get to $770bn.") or, in a table,
        of its caption."""
        cell = self.segments.cell(reading.start) if self.segments.has_tables else None
        if cell is not None:
            # the lead-in before the table ("两者的训练资源对比如下："), else the caption
            # after it ("Table 1 | Training costs"); not a header, which names a stage
            # ("Post-Training") as often as a kind
            lead_in = self.text[max(0, cell.table_start - 200) : cell.table_start]
            cue = kinds.nearest_cue(lead_in, len(lead_in), len(lead_in))
            if cue is not None:
                return cue
            caption = self.text[cell.table_end : cell.table_end + 200]
            return kinds.nearest_cue(caption, 0, 0)
        previous = self.segments.previous_sentence(sentence_start)
        if previous is None:
            return None
        earlier = self.text[previous[0] : previous[1]]
        return kinds.nearest_cue(earlier, len(earlier), len(earlier))

    def _nearest_accelerator(
        self, reading: _Reading, sentence_start: int, sentence_end: int
    ) -> Entity | None:
        best: Mention | None = None
        best_distance = 10**9
        for mention in self._mentions_between(sentence_start, sentence_end):
            if mention.entity.kind != "accelerator":
                continue
            if mention.end <= reading.start:
                distance = reading.start - mention.end
            else:
                distance = mention.start - reading.end + 10**6  # only when none precedes
            if distance < best_distance:
                best, best_distance = mention, distance
        return best.entity if best is not None else None

    def _year(self, reading: _Reading, sentence_start: int, sentence: str) -> str | None:
        years = self._years_by_sentence.get(sentence_start)
        if years is None:
            years = [
                (sentence_start + m.start(), m.group())
                for m in _YEAR_IN_SENTENCE.finditer(sentence)
                if self.segments.excluded(sentence_start + m.start()) is None
                and self._mention_at(sentence_start + m.start()) is None
                and not self._counted_after(sentence_start + m.end())
            ]
            self._years_by_sentence[sentence_start] = years
        best = None
        best_distance = 10**9
        for absolute, year in years:
            if reading.start <= absolute < reading.end:
                continue
            distance = abs(absolute - reading.start)
            if distance < best_distance:
                best, best_distance = year, distance
        return best

    def _counted_after(self, position: int) -> bool:
        """True when a unit or counter follows: "2048 块 H800" is a count, not a year."""
        after = _skip_spaces(self.text, position)
        unit_match = self.vocab.unit_re.match(self.text, after)
        if unit_match is not None:
            return unit_match.group() not in ("年", "年代")
        return self.vocab.counter_re.match(self.text, position) is not None

    def _of(self, reading: _Reading) -> str | None:
        lo = max(0, reading.start - 40)
        for mention in reversed(self._mentions_between(lo, reading.start)):
            if _OF_BEFORE.fullmatch(self.text, mention.end, reading.start):
                return mention.entity.name
            break
        return None


def extract(text: str, language: str = "und") -> list[Claim]:
    """Every numeric claim in ``text``, in order of position.

    Pure and deterministic; never raises: a number the scanner cannot read is skipped.
    ``language`` ("zh", "en", "und", …) is accepted for the interface; the grammar reads
    Chinese and English in any mix, so it does not change the result.
    """
    if not isinstance(text, str) or not text:
        return []
    return _ClaimBuilder(text).run()
