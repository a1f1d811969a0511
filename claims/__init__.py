"""Numeric claims: text in, claims out.

Owns the extractor (a pure function from text and language to claims), the entity gazetteer
and the project's pint unit definitions. Imports nothing else of the project.
"""

from claims.model import BOUNDS, KINDS, Claim

__all__ = ["BOUNDS", "KINDS", "Claim", "extract", "EXTRACTOR_VERSION"]


def __getattr__(name: str):  # lazy, so importing the data types stays cheap
    if name in ("extract", "EXTRACTOR_VERSION"):
        from claims import extractor

        return getattr(extractor, name)
    raise AttributeError(name)
