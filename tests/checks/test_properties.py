"""Any claims in, findings out: no exception, every target gets at least one finding."""

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks import VERDICTS, CheckedClaim, check_claims
from claims.model import KINDS, Claim

UNITS = [
    "FLOP", "FLOP/s", "GPU", "GPU*hour", "USD", "CNY", "W", "token", "parameter", "percent",
    "dimensionless", "hour", "day", "month", "year", "minute", "rack", "zorg",
]  # fmt: skip
QUALIFIERS = st.fixed_dictionaries(
    {},
    optional={
        "hardware": st.sampled_from(["H100", "A100", "GB200", "Z9", ""]),
        "precision": st.sampled_from(["BF16", "FP8", "FP8-sparse", "FP64", ""]),
        "scope": st.sampled_from(["per_chip", "total", ""]),
        "per": st.sampled_from(["GPU", "GPU*hour", "1e6 token", "year", "rack", "task", ""]),
        "year": st.sampled_from(["2023", "2024", "20xx", ""]),
        "hardware_count": st.sampled_from(["1000", "abc", "0"]),
        "vague": st.sampled_from(["1", ""]),
    },
)
VALUES = st.one_of(
    st.floats(min_value=-1e30, max_value=1e30, allow_nan=False),
    st.sampled_from([0.0, 1e-300, 1e300, math.inf]),
)


@st.composite
def claims(draw) -> list[CheckedClaim]:
    made = []
    for index in range(draw(st.integers(min_value=1, max_value=8))):
        value = draw(VALUES)
        low = draw(st.one_of(st.none(), VALUES))
        claim = Claim(
            start=index * 10,
            end=index * 10 + 5,
            quote=f"q{index}",
            sentence="s",
            value=value,
            unit=draw(st.sampled_from(UNITS)),
            kind=draw(st.sampled_from(KINDS)),
            low=low,
            high=draw(st.one_of(st.none(), VALUES)) if low is not None else None,
            bound=draw(st.sampled_from(["=", "<", ">", "≈"])),
            subject=draw(st.sampled_from([None, "A", "DeepSeek-V3", "NVIDIA", "H100"])),
            qualifiers=draw(QUALIFIERS),
            sentence_start=draw(st.sampled_from([0, 100])),
            paragraph=draw(st.sampled_from([0, 1])),
        )
        made.append(CheckedClaim(index + 1, draw(st.sampled_from([1, 2])), claim))
    return made


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(claims())
def test_any_claims_get_findings_without_errors(targets):
    findings = check_claims(targets)
    assert {f.claim_id for f in findings} == {c.id for c in targets}
    assert all(f.verdict in VERDICTS and f.explanation for f in findings)
