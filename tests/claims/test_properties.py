"""Property tests: any text in, no exception out; every quote is its span; a number
rendered and read back gives the same value."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims import BOUNDS, KINDS, extract
from claims.numbers import render
from claims.units import registry


@pytest.fixture(autouse=True)
def strict_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    """Surface the exception behind any skipped number (extract() itself never raises)."""
    import claims.extractor

    monkeypatch.setattr(claims.extractor, "STRICT", True)


# Text drawn from the characters the grammar cares about, so odd mixtures get explored.
ALPHABET = st.sampled_from(
    list("0123456789.,/:~-%$€¥ xXKMBTe^{}()（）[]\n\t|")
    + list("万亿億萬千百十两一二三四五六七八九零半数几上多约近超不到以内倍年月天个张片卡分之")
    + ["美元", "GPU", "小时", "FLOP/s", "FLOPs", "tokens", "H100", "per", "chips", "MW", "bn"]
)
TEXTS = st.lists(ALPHABET, max_size=60).map("".join) | st.text(max_size=200)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_any_text_gives_claims_whose_quote_is_their_span(text: str) -> None:
    for claim in extract(text):
        assert claim.quote == text[claim.start : claim.end]
        assert claim.sentence == text[claim.sentence_start : claim.sentence_end]
        assert claim.start < claim.end
        assert claim.sentence_start <= claim.start and claim.end <= claim.sentence_end
        registry().Quantity(1.0, claim.unit)
        assert claim.kind in KINDS and claim.bound in BOUNDS
        assert all(isinstance(v, str) for v in claim.qualifiers.values())
        if claim.low is not None and claim.high is not None:
            assert claim.low <= claim.high


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**12))
def test_integers_round_trip(number: int) -> None:
    text = f"They bought {render(float(number))} GPUs."
    (claim,) = extract(text)
    assert claim.value == float(number)


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=1e-3, max_value=1e30, allow_nan=False, allow_infinity=False))
def test_floats_round_trip(number: float) -> None:
    text = f"The run used {render(number)} FLOP in total."
    (claim,) = extract(text)
    assert claim.value == number or abs(claim.value - number) <= 1e-12 * number


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=9999), st.sampled_from(["万", "亿", "万亿"]))
def test_chinese_magnitudes_round_trip(number: int, magnitude: str) -> None:
    factor = {"万": 1e4, "亿": 1e8, "万亿": 1e12}[magnitude]
    (claim,) = extract(f"投资 {number} {magnitude}美元。")
    assert claim.value == number * factor
    assert claim.unit == "USD"


#: The sentence-end grammar written as a plain alternation (what `_SENTENCE_END` means).
_READABLE_SENTENCE_END = r"[。！？；!?;]+[”’\"'）)]*|\n|\.(?=\s)(?<!\d\.)|\.$"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab1 .。！?;”)\n", max_size=40))
def test_sentence_ends_match_the_readable_grammar(text: str) -> None:
    import re

    from claims.segments import _SENTENCE_END

    readable = [m.span() for m in re.finditer(_READABLE_SENTENCE_END, text)]
    assert [m.span() for m in _SENTENCE_END.finditer(text)] == readable
