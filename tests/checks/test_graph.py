"""The claim graph: nodes and relations the browser's "related claims" lists."""

from checks import check_claims, claim_graph, related_claims

from .conftest import Article


def build():
    article = Article()
    article.sentence(
        "Site S has 100,000 H100 GPUs drawing 150 MW.",
        ("100,000 H100 GPUs", 1e5, "GPU", "chip_count", {"hardware": "H100"}),
        ("150 MW", 150e6, "W", "power"),
        subject="Site S",
    )
    article.sentence(
        "Site S cost $5 billion.", ("$5 billion", 5e9, "USD", "capex"), subject="Site S"
    )
    article.paragraph()
    article.sentence(
        "Elsewhere, site S hired 300 people.",
        ("300 people", 300, "dimensionless", "other"),
        subject="site S",
    )
    return article


def test_nodes_for_claims_entities_and_sources():
    article = build()
    graph = claim_graph(article.claims)
    assert ("source", 1) in graph
    assert ("entity", "sites") in graph
    assert graph.nodes[("entity", "sites")]["name"] == "Site S"
    assert sum(1 for node in graph if node[0] == "claim") == 4


def test_related_claims_closest_first():
    article = build()
    claims = article.claims
    findings = check_claims(claims)
    graph = claim_graph(claims, findings)
    power, gpus, cost, people = (
        article.find(q).id for q in ("150 MW", "100,000 H100 GPUs", "$5 billion", "300 people")
    )
    related = related_claims(graph, power)
    assert related[0] == (gpus, "same_sentence")
    assert (cost, "same_paragraph") in related
    assert (people, "same_subject") in related
    cost_related = dict(related_claims(graph, cost))
    assert cost_related[gpus] == "derived_from"
    assert dict(related_claims(graph, gpus))[cost] == "input_to"


def test_unknown_claim_has_no_relations():
    assert related_claims(claim_graph([]), 42) == []


def test_edges_carry_the_relations_named_in_the_issue():
    article = build()
    claims = article.claims
    graph = claim_graph(claims, check_claims(claims))
    relations = {data["relation"] for _, _, data in graph.edges(data=True)}
    assert {"mentions", "in_source", "same_sentence", "same_paragraph", "derived_from"} <= relations
