"""Numerals to floats: Arabic digits (with thousands separators and exponents), powers of ten
written as ``10^9``, ``10²⁵`` or ``3.1 \\times 10^{23}``, Chinese numerals (一千二百, 两, 十万),
Chinese and English magnitude words (万, 亿, 万亿, K, bn, million) and fractions.

Every function here takes the exact matched text and returns a float (or None when the text
is not a number); none of them raises on any input.
"""

from __future__ import annotations

import math
import re

#: Chinese digits; 两/兩 is "two" before a counter, 〇/零 a placeholder zero.
CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "兩": 2, "三": 3, "叁": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7, "八": 8,
    "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
#: Units inside a Chinese numeral (十 in 二十三); 万 and 亿 are "sections" that multiply
#: everything before them.
CN_SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_SECTION_UNITS: dict[str, float] = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "兆": 1e12}
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL_UNITS) + "".join(CN_SECTION_UNITS)

#: Magnitude words written after a number. Chinese ones compose by multiplication
#: (十万 = 1e5, 千亿 = 1e11, 万亿 = 1e12); the English ones stand alone.
CN_MAGNITUDES: dict[str, float] = {
    "十": 1e1, "拾": 1e1, "百": 1e2, "佰": 1e2, "千": 1e3, "仟": 1e3,
    "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "兆": 1e12,
}  # fmt: skip
EN_MAGNITUDES: dict[str, float] = {
    "k": 1e3, "K": 1e3, "thousand": 1e3, "M": 1e6, "MM": 1e6, "mn": 1e6, "mln": 1e6,
    "million": 1e6, "millions": 1e6, "B": 1e9, "bn": 1e9, "billion": 1e9, "billions": 1e9,
    "T": 1e12, "tn": 1e12, "trillion": 1e12, "trillions": 1e12, "quadrillion": 1e15,
}  # fmt: skip

SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")

_POWER_RE = re.compile(
    r"(?:(?P<mantissa>\d+(?:\.\d+)?)\s*(?:×|\\times|\*|x|X|·)\s*)?10"
    r"(?:\^\{?(?P<caret>[+-]?\d+)\}?|\*\*(?P<stars>[+-]?\d+)|(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+))"
)


def parse_arabic(text: str) -> float | None:
    """``2,788`` -> 2788.0, ``0.3e15`` -> 3e14, ``1.43`` -> 1.43; None when not a number."""
    cleaned = text.replace(",", "").replace("，", "").replace(" ", "")
    try:
        value = float(cleaned)
    except ValueError:
        return parse_power(text)
    return value if math.isfinite(value) else None


def parse_power(text: str) -> float | None:
    """``10^9``, ``10²⁵``, ``3.1 \\times 10^{23}``, ``2*10**6`` -> float; None otherwise."""
    match = _POWER_RE.fullmatch(text.strip())
    if match is None:
        return None
    exponent_text = match.group("caret") or match.group("stars")
    if exponent_text is None:
        exponent_text = (match.group("sup") or "").translate(SUPERSCRIPTS)
    try:
        exponent = int(exponent_text)
    except ValueError:
        return None
    if abs(exponent) > 300:
        return None
    mantissa = float(match.group("mantissa") or 1.0)
    return mantissa * 10.0**exponent


def parse_chinese(text: str) -> float | None:
    """一千二百三十四 -> 1234, 十万 -> 1e5, 两 -> 2, 三万五千 -> 35000, 半 -> 0.5.

    Also reads digit strings written with Chinese digits (二〇二五 -> 2025). None when the
    text holds no numeral.
    """
    if not text:
        return None
    if text == "半":
        return 0.5
    if all(ch in CN_DIGITS for ch in text) and len(text) > 1:
        return float("".join(str(CN_DIGITS[ch]) for ch in text))
    total = 0.0  # completed sections (… 亿, … 万)
    section = 0.0  # the current section below 万
    digit: float | None = None
    for ch in text:
        if ch in CN_DIGITS:
            digit = float(CN_DIGITS[ch])
        elif ch in CN_SMALL_UNITS:
            section += (1.0 if digit is None else digit) * CN_SMALL_UNITS[ch]
            digit = None
        elif ch in CN_SECTION_UNITS:
            unit = CN_SECTION_UNITS[ch]
            amount = section + (digit or 0.0)
            if amount == 0.0:
                amount = 1.0
            if total and total < unit:
                # 万亿: the 万 section is itself multiplied by 亿
                total = (total + amount) * unit
            else:
                total += amount * unit
            section = 0.0
            digit = None
        else:
            return None
    result = total + section + (digit or 0.0)
    return result


def magnitude_of(text: str) -> float | None:
    """The multiplier of a magnitude word: 万 -> 1e4, 十万 -> 1e5, 万亿 -> 1e12, bn -> 1e9."""
    if text in EN_MAGNITUDES:
        return EN_MAGNITUDES[text]
    lowered = text.lower()
    if lowered in EN_MAGNITUDES and len(lowered) > 2:
        return EN_MAGNITUDES[lowered]
    product = 1.0
    for ch in text:
        factor = CN_MAGNITUDES.get(ch)
        if factor is None:
            return None
        product *= factor
    return product if text else None


def parse_fraction(numerator: str, denominator: str) -> float | None:
    """``1/32`` -> 0.03125; None when the denominator is zero or either side is not a number."""
    top = parse_arabic(numerator)
    bottom = parse_arabic(denominator)
    if top is None or bottom is None or bottom == 0:
        return None
    return top / bottom


def render(value: float) -> str:
    """A float as an extractor-readable numeral (used by the round-trip property tests)."""
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return repr(value)
