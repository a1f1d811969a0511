"""Claims and a hardware catalog in, findings out.

Owns the pint registry's use for recomputation, the hardware catalog and assumption bands
(data files beside the code, each figure with its source), the rules, and the claim graph
that gives each rule its inputs. Imports `claims`, never storage or input.
"""

from checks.model import VERDICTS, CheckedClaim, Finding

__all__ = ["VERDICTS", "CheckedClaim", "Finding"]
