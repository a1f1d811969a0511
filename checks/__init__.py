"""Claims and a hardware catalog in, findings out.

Owns the pint registry's use for recomputation, the hardware catalog and assumption bands
(data files beside the code, each figure with its source), the rules, and the claim graph
that gives each rule its inputs. Imports `claims`, never storage or input.

API:
- ``check_claims(targets, context=(), config=None) -> list[Finding]``: every rule that
  applies to each target claim; one ``unchecked`` finding naming the missing inputs when none
  could run. Pure; one index over all claims per call.
- ``claim_verdict(findings) -> (verdict, severity)``: the verdict a claim shows (recomputing
  rules decide; cross-source comparison only when none could).
- ``load_config({"mfu": [0.3, 0.5]}) -> CheckConfig``: shipped catalog, bands, exchange
  rates and reference figures with an editor's band overrides (ConfigError names a bad key).
- ``claim_graph(claims, findings=())`` and ``related_claims(graph, claim_id)``: networkx
  graph of claims, entities and sources for the browser.
- ``catalog.lookup("英伟达 H100")``: an accelerator's sourced specs by any alias.

Data files: accelerators.toml, bands.toml, exchange_rates.toml, references.toml,
arithmetic_cues.toml. Rules: checks/rules/ (registered in checks.rules.RULES).
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
