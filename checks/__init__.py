"""Claims and a hardware catalog in, findings out.

Owns the pint registry's use for recomputation, the hardware catalog and assumption bands
(data files beside the code, each figure with its source), the rules, and the claim graph
that gives each rule its inputs. Imports `claims`, never storage or input.
"""

from checks import catalog
from checks.config import CheckConfig, ConfigError, load_config
from checks.engine import CHECKER_VERSION, check_claims
from checks.model import VERDICTS, CheckedClaim, Finding
from checks.verdicts import claim_verdict

__all__ = [
    "CHECKER_VERSION",
    "VERDICTS",
    "CheckConfig",
    "CheckedClaim",
    "ConfigError",
    "Finding",
    "catalog",
    "check_claims",
    "claim_graph",
    "claim_verdict",
    "load_config",
    "related_claims",
]


def __getattr__(name: str):  # networkx only when the graph is asked for
    if name in ("claim_graph", "related_claims"):
        from checks import graph

        return getattr(graph, name)
    raise AttributeError(name)
