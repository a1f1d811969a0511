"""Which language a text is in: zh-Hans, zh-Hant, en, or und when there is too little to tell
(and ja / ko for Japanese and Korean, rather than calling them Chinese).

Chinese vs English by counting Han characters against Latin letters; simplified vs traditional by
counting characters that exist in only one of the two scripts (pairs in ``hanzi_variants.txt``).
Converted text often mixes a few forms (a traditional article with 于 or 么 left over), so the
majority decides, not the first character seen.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")

#: Fewer Han characters and Latin words than this: "und".
MIN_EVIDENCE = 8


@lru_cache(maxsize=1)
def _variant_tables() -> tuple[frozenset[str], frozenset[str]]:
    simplified: set[str] = set()
    traditional: set[str] = set()
    text = resources.files("ingest").joinpath("hanzi_variants.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        parts = line.split()
        if len(parts) != 2 or line.startswith("#") or parts[0] == parts[1]:
            continue
        simplified.add(parts[0])
        traditional.add(parts[1])
    return frozenset(simplified), frozenset(traditional)


def detect_language(text: str) -> str:
    """A BCP 47 tag for ``text``: "zh-Hans", "zh-Hant", "en", "ja", "ko" or "und"."""
    han = _HAN.findall(text)
    latin_words = len(_LATIN_WORD.findall(text))
    hangul = len(_HANGUL.findall(text))
    if hangul >= MIN_EVIDENCE and hangul > len(han):
        return "ko"
    if len(han) + latin_words < MIN_EVIDENCE:
        return "und"
    # A Chinese word is about two Han characters; Chinese articles also name many English
    # models and units, which the comparison tolerates.
    if len(han) < latin_words * 2:
        return "en"
    # Japanese mixes kana into Han text; Korean uses Hangul: neither is Chinese.
    kana = len(_KANA.findall(text))
    if kana > 0.1 * (len(han) + kana):
        return "ja"
    simplified, traditional = _variant_tables()
    simplified_count = sum(map(simplified.__contains__, han))
    traditional_count = sum(map(traditional.__contains__, han))
    return "zh-Hant" if traditional_count > simplified_count else "zh-Hans"
