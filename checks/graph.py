"""The claim graph the browser queries for "related claims".

Nodes: ``("claim", id)``, ``("entity", subject key)`` (attribute ``name``) and
``("source", id)``. Edges (attribute ``relation``): claim–entity ``mentions``, claim–source
``in_source``, claim–claim ``same_sentence`` and ``same_paragraph`` (a table counts as one
paragraph), and ``derived_from`` from a claim to each claim a finding used as input (the
direction kept as attributes ``src``/``dst`` on the undirected edge). The checker's own
look-ups use the same relations through dictionary indices (checks.context), which is what
keeps it fast.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

import networkx as nx  # type: ignore[import-untyped]

from checks.context import subject_key
from checks.model import CheckedClaim, Finding

#: Paragraphs with more claims than this are chained rather than fully connected.
PAIRWISE_PARAGRAPH = 40
#: Order in which related claims are listed: closest relation first.
RELATION_ORDER = ("same_sentence", "derived_from", "input_to", "same_paragraph", "same_subject")


def claim_graph(claims: Sequence[CheckedClaim], findings: Iterable[Finding] = ()) -> nx.Graph:
    """Build the graph of ``claims`` (and ``derived_from`` edges from ``findings``' inputs)."""
    graph = nx.Graph()
    by_sentence: dict[tuple[int, int], list[int]] = defaultdict(list)
    by_paragraph: dict[tuple[int, int], list[int]] = defaultdict(list)
    for checked in claims:
        claim = checked.claim
        node = ("claim", checked.id)
        graph.add_node(
            node,
            kind=claim.kind,
            quote=claim.quote,
            source_id=checked.source_id,
            subject=claim.subject,
        )
        source = ("source", checked.source_id)
        if source not in graph:
            graph.add_node(source, title=checked.source_title)
        graph.add_edge(node, source, relation="in_source")
        key = subject_key(claim.subject)
        if key:
            entity = ("entity", key)
            if entity not in graph:
                graph.add_node(entity, name=claim.subject)
            graph.add_edge(node, entity, relation="mentions")
        by_sentence[(checked.source_id, claim.sentence_start)].append(checked.id)
        by_paragraph[(checked.source_id, claim.paragraph)].append(checked.id)
    for members in by_sentence.values():
        for index, first in enumerate(members):
            for second in members[index + 1 :]:
                graph.add_edge(("claim", first), ("claim", second), relation="same_sentence")
    for members in by_paragraph.values():
        # Pairwise in ordinary paragraphs and tables; a chain through very long ones (text
        # without paragraph breaks) keeps the graph linear in size.
        if len(members) <= PAIRWISE_PARAGRAPH:
            pairs = [(a, b) for index, a in enumerate(members) for b in members[index + 1 :]]
        else:
            pairs = list(zip(members, members[1:], strict=False))
        for first, second in pairs:
            if not graph.has_edge(("claim", first), ("claim", second)):
                graph.add_edge(("claim", first), ("claim", second), relation="same_paragraph")
    for finding in findings:
        for record in finding.inputs:
            input_id = record.get("claim_id")
            if input_id is None or input_id == finding.claim_id:
                continue
            edge = (("claim", finding.claim_id), ("claim", input_id))
            if edge[0] not in graph or edge[1] not in graph:
                continue
            if not graph.has_edge(*edge) or graph.edges[edge]["relation"] != "same_sentence":
                graph.add_edge(*edge, relation="derived_from", src=finding.claim_id, dst=input_id)
    return graph


def related_claims(graph: nx.Graph, claim_id: int) -> list[tuple[int, str]]:
    """Claims related to ``claim_id``, closest relation first, each listed once.

    Relations: same_sentence, derived_from (this claim was checked with it), input_to (it was
    checked with this claim), same_paragraph, same_subject (any source).
    """
    node = ("claim", claim_id)
    if node not in graph:
        return []
    found: dict[int, str] = {}
    for neighbour, data in graph[node].items():
        if neighbour[0] != "claim":
            continue
        relation = data["relation"]
        if relation == "derived_from":
            relation = "derived_from" if data.get("src") == claim_id else "input_to"
        found.setdefault(neighbour[1], relation)
    for hub, data in graph[node].items():
        if data["relation"] != "mentions":
            continue
        for other in graph[hub]:
            if other[0] == "claim" and other[1] != claim_id:
                found.setdefault(other[1], "same_subject")
    rank = {relation: index for index, relation in enumerate(RELATION_ORDER)}
    return sorted(found.items(), key=lambda item: (rank[item[1]], item[0]))
