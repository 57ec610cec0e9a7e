"""Seeded example maps shared by the tests and the layout benchmark (``benchmarks.layout_eval``
imports them from here, so the tests never depend on the benchmark harness)."""

from __future__ import annotations

import random

from argmap.model import ArgumentMap


def essay_map(n: int, seed: int) -> ArgumentMap:
    """An essay-shaped map of exactly ``n`` statements (n >= 4), deterministic by seed."""
    rng = random.Random(seed * 1000 + n)
    amap = ArgumentMap(title=f"essay {n}/{seed}")
    count = 0

    def add(kind: str, target: str | None, relation: str = "supports") -> str:
        nonlocal count
        node = f"{kind[0]}{count}"
        count += 1
        words = rng.randint(1, 8)
        amap.add_node(node, kind, " ".join(rng.choice(("the", "army", "rivals", "fear", "school", "cost",
                                                         "evidence", "shows", "many", "war", "trial"))
                                           for _ in range(words + 6)),
                      label=None if rng.random() < 0.2 else " ".join(["word"] * words))
        if target is not None:
            amap.add_edge(node, target, relation)
        return node

    thesis = add("thesis", None)
    reasons = [add("reason", thesis) for _ in range(max(2, min(8, n // 5)))]
    statements = list(reasons)
    evidence: list[str] = []
    while count < n:
        roll = rng.random()
        if roll < 0.12:
            statements.append(add("claim", rng.choice(reasons)))
        elif roll < 0.22:
            objection = add("objection", rng.choice(statements + evidence), "attacks")
            if count < n and rng.random() < 0.5:
                add("rebuttal", objection, "attacks")
        else:
            e = add("evidence", rng.choice(statements))
            evidence.append(e)
            if rng.random() < 0.1:
                other = rng.choice(reasons)
                if not amap.graph.has_edge(e, other):
                    amap.add_edge(e, other)
    return amap
