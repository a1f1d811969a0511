"""Hand-made claims for the checker's tests: an article is a list of sentences we write."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import count

import pytest

from checks import CheckedClaim, Finding, check_claims
from claims.model import Claim


@dataclass
class Article:
    """Builds claims the way the extractor would, one sentence at a time."""

    source_id: int = 1
    title: str = "test article"
    claims: list[CheckedClaim] = field(default_factory=list)
    _text: str = ""
    _paragraph: int = 0
    _ids: count = field(default_factory=lambda: count(1))

    def sentence(
        self, text: str, *figures: tuple, subject: str | None = None, paragraph: int | None = None
    ) -> list[CheckedClaim]:
        """Add ``text`` and its figures: (quote, value, unit, kind, {qualifiers}, {fields})."""
        if paragraph is not None:
            self._paragraph = paragraph
        start = len(self._text)
        self._text += text + "\n"
        made = []
        for figure in figures:
            quote, value, unit, kind, *rest = figure
            qualifiers = rest[0] if rest else {}
            extra = rest[1] if len(rest) > 1 else {}
            at = start + text.index(quote)
            claim = Claim(
                start=at,
                end=at + len(quote),
                quote=quote,
                sentence=text,
                value=value,
                unit=unit,
                kind=kind,
                subject=extra.pop("subject", subject),
                qualifiers=dict(qualifiers),
                sentence_start=start,
                sentence_end=start + len(text),
                paragraph=self._paragraph,
                **extra,
            )
            checked = CheckedClaim(
                id=next(self._ids) + 1000 * self.source_id,
                source_id=self.source_id,
                claim=claim,
                source_title=self.title,
            )
            self.claims.append(checked)
            made.append(checked)
        return made

    def paragraph(self) -> None:
        self._paragraph += 1

    def find(self, quote: str) -> CheckedClaim:
        return next(c for c in self.claims if c.claim.quote == quote)


def findings_for(
    claims: list[CheckedClaim], quote: str, rule: str | None = None, context=(), config=None
) -> list[Finding]:
    """The findings about the claim quoted ``quote`` (optionally of one rule)."""
    target = next(c for c in claims if c.claim.quote == quote)
    found = check_claims(
        [target], [c for c in claims if c is not target] + list(context), config=config
    )
    return [f for f in found if rule is None or f.rule == rule]


def only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, findings
    return findings[0]


@pytest.fixture
def article() -> Article:
    return Article()
