"""Realistic synthetic argument maps at any size, deterministic by seed: the maps the tests and the
benchmarks (``benchmarks/generate.py``, ``benchmarks/run.py``) share.

A map grows the way a debate or a merged class corpus does: theses (one per ~1 000 statements),
reasons for them, claims under reasons (sometimes several levels deep), evidence under claims,
objections to reasons, claims and evidence, rebuttals of objections; a few percent of statements
also support a second, unrelated statement (cross-links), a few premises are linked, a few
objections undercut an inference, and large maps contain a handful of support cycles (as student
maps do). Texts have the lengths of real ones (a thesis ~25 words, evidence ~30); most statements
carry a confidence, evidence a source, some a label, a quote, tags or a note.

A map is a document (the structure of a native YAML/JSON map), written as argmap's YAML, as JSON
or as Argdown (the same statements and relations). Also here: the shapes where a walk per statement
would turn quadratic (``shape_document``, timed by ``benchmarks/shapes.py``) and small essay-shaped
maps (``essay_map``, drawn by ``benchmarks/layout_eval.py``).
"""

from __future__ import annotations

import json
import os
import random
import re
from pathlib import Path
from typing import Any

from argmap.model import ArgumentMap

#: the shared corpora of real argument maps made by others: ``ARGMAP_CORPORA``, else ``../shared/corpora``
#: beside the project (a worktree elsewhere sets the variable)
CORPORA = Path(os.environ.get("ARGMAP_CORPORA") or Path(__file__).resolve().parents[2] / "shared" / "corpora")

# share of each kind among the statements that are not theses
KIND_SHARES = (("reason", 0.10), ("claim", 0.25), ("evidence", 0.40), ("objection", 0.15), ("rebuttal", 0.10))
CONFIDENCES = ("certain", "likely", "possible", "doubtful")
WORDS_PER_KIND = {
    "thesis": (18, 32),
    "reason": (10, 24),
    "claim": (10, 26),
    "evidence": (14, 40),
    "objection": (12, 30),
    "rebuttal": (10, 26),
}

_SUBJECTS = [
    "the government",
    "the regime",
    "the party leadership",
    "the peasants",
    "the workers",
    "the army",
    "the secret police",
    "the opposition",
    "the old elite",
    "the new state",
    "the press",
    "the courts",
    "the local officials",
    "the foreign powers",
    "the historians",
    "the census",
    "the trade unions",
    "the church",
    "the schools",
    "the collective farms",
    "the border regions",
    "the ministers",
    "the generals",
    "the rebels",
    "the reformers",
    "the merchants",
    "the landowners",
    "Stalin",
    "Trotsky",
    "Kirov",
    "the Politburo",
]
_VERBS = [
    "feared",
    "needed",
    "wanted",
    "blamed",
    "weakened",
    "strengthened",
    "ignored",
    "exaggerated",
    "controlled",
    "suppressed",
    "supported",
    "doubted",
    "welcomed",
    "resisted",
    "financed",
    "reorganised",
    "purged",
    "rewarded",
    "recorded",
    "concealed",
    "reported",
    "replaced",
    "expanded",
    "restricted",
]
_OBJECTS = [
    "any open criticism of its policy",
    "the loyalty of the provinces",
    "a rapid growth of heavy industry",
    "the memory of the civil war",
    "a reliable supply of grain",
    "the authority of the leader",
    "the independence of the courts",
    "the influence of foreign ideas",
    "the size of the harvest",
    "the number of arrests",
    "the cost of the new railways",
    "the rights of the minorities",
    "the price of bread",
    "the reports of famine",
    "the plans of his rivals",
    "the spread of rumours",
    "the promotion of young officials",
    "the power of the regional bosses",
    "the five-year plan",
    "the show trials",
    "the old Bolsheviks",
    "the kulaks",
    "the officer corps",
]
_LINKS = [
    "because",
    "while",
    "although",
    "since",
    "as long as",
    "even though",
    "whereas",
    "so that",
    "until",
    "after",
    "before",
    "when",
]
_ADVERBS = [
    "clearly",
    "probably",
    "mostly",
    "rarely",
    "openly",
    "quietly",
    "gradually",
    "suddenly",
    "repeatedly",
    "deliberately",
]
_YEARS = list(range(1917, 1954))
_AUTHORS = [
    "Conquest",
    "Fitzpatrick",
    "Getty",
    "Khlevniuk",
    "Kotkin",
    "Service",
    "Davies",
    "Viola",
    "Harris",
    "Suny",
    "Figes",
    "Montefiore",
    "Applebaum",
    "Naumov",
    "Werth",
    "Hosking",
    "Lewin",
    "Tucker",
    "Ulam",
    "Deutscher",
]
_TITLES = [
    "The Great Terror",
    "Everyday Stalinism",
    "Origins of the Great Purges",
    "Master of the House",
    "Stalin: Waiting for Hitler",
    "A History of Twentieth-Century Russia",
    "The Years of Hunger",
    "Peasant Rebels under Stalin",
    "The Road to Terror",
    "The Whisperers",
    "Red Famine",
    "Stalin's Peasants",
    "Russia and the Russians",
    "Lenin's Tomb",
]
_TAGS = [
    "economy",
    "military",
    "rivals",
    "terror",
    "famine",
    "industry",
    "propaganda",
    "police",
    "party",
    "peasants",
    "sources",
    "1930s",
    "ideology",
    "foreign",
]
_NOTES = [
    "The essay gives no source for this figure.",
    "A historian would date this differently.",
    "Check this against the textbook before the exam.",
    "This overlaps with the previous reason.",
    "The essay only hints at this point.",
    "Strong evidence, but from a single memoir.",
]


def _clause(rng: random.Random) -> str:
    return f"{rng.choice(_SUBJECTS)} {rng.choice(_ADVERBS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}"


def _sentence(rng: random.Random, low: int, high: int) -> str:
    """A sentence of roughly ``low``-``high`` words built from clauses."""
    target = rng.randint(low, high)
    words = _clause(rng).split()
    while len(words) < target:
        words += [rng.choice(_LINKS)] + _clause(rng).split()
    text = " ".join(words)
    if rng.random() < 0.3:
        text += f" in {rng.choice(_YEARS)}"
    return text[0].upper() + text[1:] + "."


def _label(rng: random.Random, text: str) -> str:
    words = text.rstrip(".").split()
    start = rng.randint(0, max(0, len(words) - 5))
    label = " ".join(words[start : start + rng.randint(2, 5)])
    return label[0].upper() + label[1:]


def _source(rng: random.Random) -> str:
    return (
        f"{rng.choice(_AUTHORS)} ({rng.randint(1968, 2022)}), {rng.choice(_TITLES)}, p. {rng.randint(3, 640)}"
    )


def generate(n: int, seed: int = 1) -> dict[str, Any]:
    """A map document (the structure of a native YAML/JSON map) with exactly ``n`` statements."""
    if n < 1:
        raise ValueError("a map needs at least one node")
    rng = random.Random(f"argmap-benchmark:{n}:{seed}")
    nodes: dict[str, dict[str, Any]] = {}
    by_kind: dict[str, list[str]] = {k: [] for k in WORDS_PER_KIND}
    supports_of: dict[str, list[str]] = {}  # node -> the nodes it supports (to pick inferences)
    theses_wanted = max(1, n // 1000)
    kinds = [k for k, _ in KIND_SHARES]
    weights = [w for _, w in KIND_SHARES]

    def recent(kind_list: list[str], window: int = 40) -> str:
        # mostly near the statement being written (maps are read top to bottom), sometimes anywhere
        if rng.random() < 0.85:
            return rng.choice(kind_list[-window:])
        return rng.choice(kind_list)

    def pick_kind(i: int) -> str:
        # theses spread evenly through the file, one per ~1 000 statements
        if i == 0 or (
            len(by_kind["thesis"]) < theses_wanted and i >= len(by_kind["thesis"]) * n // theses_wanted
        ):
            return "thesis"
        kind = rng.choices(kinds, weights)[0]
        if kind == "rebuttal" and not by_kind["objection"]:
            kind = "objection"
        if kind in ("claim", "evidence", "objection") and not by_kind["reason"]:
            kind = "reason"
        return kind

    for i in range(n):
        kind = pick_kind(i)
        low, high = WORDS_PER_KIND[kind]
        text = _sentence(rng, low, high)
        word = re.sub(r"[^a-z]", "", text.split()[1].lower())[:10] or kind
        node_id = f"{kind[:3]}_{word}_{i}"
        node: dict[str, Any] = {"kind": kind, "text": text}
        if kind != "thesis" and rng.random() < 0.85:
            node["confidence"] = rng.choices(CONFIDENCES, (3, 4, 2, 1))[0]
        if kind == "thesis" or rng.random() < 0.35:
            node["label"] = _label(rng, text)
        if kind == "evidence" and rng.random() < 0.8:
            node["source"] = _source(rng)
        if rng.random() < 0.2:
            node["quote"] = _sentence(rng, 8, 20).rstrip(".").lower()
        if rng.random() < 0.3:
            node["tags"] = rng.sample(_TAGS, rng.randint(1, 3))
        if rng.random() < 0.08:
            node["note"] = rng.choice(_NOTES)
        target = None
        relation = "supports"
        if kind == "reason":
            target = recent(by_kind["thesis"], 3)
        elif kind == "claim":
            pool = by_kind["claim"] if by_kind["claim"] and rng.random() < 0.3 else by_kind["reason"]
            target = recent(pool)
        elif kind == "evidence":
            pool = by_kind["claim"] if by_kind["claim"] and rng.random() < 0.75 else by_kind["reason"]
            target = recent(pool)
        elif kind == "objection":
            relation = "attacks"
            pool = rng.choices(
                [
                    by_kind["reason"],
                    by_kind["claim"] or by_kind["reason"],
                    by_kind["evidence"] or by_kind["reason"],
                ],
                (4, 4, 2),
            )[0]
            target = recent(pool)
            inference = supports_of.get(target)
            if inference and rng.random() < 0.05:
                relation = "undercuts"  # an objection to the step from ``target`` to what it supports
                node["undercuts"] = {"from": target, "to": inference[0]}
        elif kind == "rebuttal":
            relation = "attacks"
            target = recent(by_kind["objection"])
        if target is not None and relation != "undercuts":
            partner = by_kind["evidence"][-1] if kind == "evidence" and by_kind["evidence"] else None
            if partner and nodes[partner].get("supports") == target and rng.random() < 0.05:
                # a linked argument: two premises that support ``target`` only together
                node[relation] = {"to": target, "link": f"l{i}"}
                nodes[partner]["supports"] = {"to": target, "link": f"l{i}"}
            else:
                node[relation] = target
            if relation == "supports":
                supports_of.setdefault(node_id, []).append(target)
        # cross-links: a second, unrelated statement supported (always an earlier one: no cycle)
        if kind in ("evidence", "claim") and relation == "supports" and rng.random() < 0.06:
            pool = by_kind["claim"] if kind == "evidence" else by_kind["reason"]
            other = rng.choice(pool) if pool else None
            first = target if not isinstance(node.get("supports"), dict) else node["supports"]["to"]
            if other and other != first:
                node["supports"] = [node["supports"], other]
                supports_of[node_id].append(other)
        nodes[node_id] = node
        by_kind[kind].append(node_id)
    # a few knots of circular support in large maps (an earlier claim "supports" a later one)
    claims = by_kind["claim"]
    for _ in range(n // 5000):
        later = rng.choice(claims[len(claims) // 2 :])
        earlier = nodes[later].get("supports")
        if isinstance(earlier, str) and nodes[earlier]["kind"] == "claim":
            prev = nodes[earlier].get("supports")
            if isinstance(prev, str):
                nodes[earlier]["supports"] = [prev, later]
            elif isinstance(prev, list) and later not in prev:
                prev.append(later)
    return {
        "argmap": 1,
        "title": f"Synthetic debate of {n} statements (seed {seed})",
        "kinds": {"reason": "Reason"},
        "nodes": nodes,
    }


# -- writers ------------------------------------------------------------------------------------
_PLAIN_OK = re.compile(r"^[A-Za-z0-9][^:#\"'\n]*[^\s:]$")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "~"}


def _yaml_scalar(value: str) -> str:
    if _PLAIN_OK.match(value) and value.lower() not in _YAML_WORDS and not value[0].isdigit():
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _yaml_target(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {v}" for k, v in value.items()) + "}"
    return "[" + ", ".join(_yaml_target(v) for v in value) + "]"


def to_yaml(doc: dict[str, Any]) -> str:
    """The document in argmap's native YAML, written the way a person would write it."""
    out = [f"argmap: {doc['argmap']}", f"title: {_yaml_scalar(doc['title'])}"]
    if doc.get("kinds"):
        out.append("kinds: {" + ", ".join(f"{k}: {v}" for k, v in doc["kinds"].items()) + "}")
    out.append("nodes:")
    for node_id, node in doc["nodes"].items():
        out.append(f"  {node_id}:")
        for key, value in node.items():
            if key == "tags":
                out.append(f"    tags: [{', '.join(value)}]")
            elif key in ("supports", "attacks", "undercuts"):
                out.append(f"    {key}: {_yaml_target(value)}")
            else:
                out.append(f"    {key}: {_yaml_scalar(value)}")
    return "\n".join(out) + "\n"


def to_json(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def _targets(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [value["to"]]
    return [t for v in value for t in _targets(v)]


def _argdown_text(text: str) -> str:
    # Argdown reads [, ], <, >, #, + and * inside text as syntax; the generator never writes them
    return re.sub(r"[\[\]<>#*+_]", " ", text).strip()


def to_argdown(doc: dict[str, Any]) -> str:
    """The same statements and relations in Argdown: every statement once, with ``+``/``-`` lines
    for the statements that support or attack it (undercuts become attacks on the conclusion)."""
    incoming: dict[str, list[tuple[str, str]]] = {n: [] for n in doc["nodes"]}
    for node_id, node in doc["nodes"].items():
        for target in _targets(node.get("supports")):
            incoming[target].append(("+", node_id))
        for target in _targets(node.get("attacks")):
            incoming[target].append(("-", node_id))
        if node.get("undercuts"):
            incoming[node["undercuts"]["to"]].append(("-", node_id))
    out = ["===", f"title: {doc['title']}", "===", ""]
    for node_id, node in doc["nodes"].items():
        tags = "".join(f" #{t}" for t in node.get("tags", ()))
        out.append(f"[{node_id}]: {_argdown_text(node['text'])}{tags}")
        for sign, child in incoming[node_id]:
            out.append(f"  {sign} [{child}]")
        out.append("")
    return "\n".join(out)


def document_of(amap: Any) -> dict[str, Any]:
    """A loaded :class:`argmap.ArgumentMap` as a map document (to write e.g. the Stalin map as Argdown)."""
    graph = amap.graph
    nodes: dict[str, dict[str, Any]] = {}
    for n, d in graph.nodes(data=True):
        nodes[n] = {
            k: v
            for k, v in d.items()
            if k in ("kind", "text", "label", "confidence", "source", "quote", "tags", "note")
        }
    for u, v, d in graph.edges(data=True):
        rel = d["relation"]
        if rel == "undercuts":
            nodes[u]["undercuts"] = {"from": d["premise"], "to": v}
            continue
        prev = nodes[u].get(rel)
        nodes[u][rel] = v if prev is None else [*_targets(prev), v]
    return {"argmap": 1, "title": amap.title or "Argument map", "nodes": nodes}


def write_all(doc: dict[str, Any], base: str) -> dict[str, str]:
    """Write ``base.yaml``, ``base.json`` and ``base.argdown``; returns their paths by format."""
    os.makedirs(os.path.dirname(base) or ".", exist_ok=True)
    paths = {}
    for fmt, text in (("yaml", to_yaml(doc)), ("json", to_json(doc)), ("argdown", to_argdown(doc))):
        paths[fmt] = f"{base}.{fmt}"
        with open(paths[fmt], "w", encoding="utf-8") as fh:
            fh.write(text)
    return paths


#: shapes where a walk per statement would turn quadratic (benchmarks/shapes.py times them)
SHAPES = ("chain", "ladder", "star", "dense", "random", "cycle")
#: each statement of the dense band supports the BAND statements above it
BAND = 50
SHAPE_KINDS = ("reason", "claim", "evidence", "claim", "evidence")
SHAPE_CONFIDENCES = ("certain", "likely", "possible", "doubtful", None)


def shape_document(shape: str, n: int, seed: int = 1) -> dict[str, Any]:
    """A native map document of ``n`` statements in ``shape``."""
    rnd = random.Random(seed)
    nodes: list[dict[str, Any]] = []
    ids: list[str] = []

    def add(kind: str, supports: list[int]) -> None:
        i = len(ids)
        ids.append(f"s{i}")
        node: dict[str, Any] = {"id": ids[i], "kind": kind, "text": f"Statement {i} of the {shape}."}
        conf = SHAPE_CONFIDENCES[i % len(SHAPE_CONFIDENCES)]
        if conf:
            node["confidence"] = conf
        if supports:
            node["supports"] = [ids[j] for j in supports]
        nodes.append(node)

    add("thesis", [])
    statements = n - n // 20 - 1  # one in twenty is an objection or a rebuttal
    for i in range(1, statements):
        kind = SHAPE_KINDS[i % len(SHAPE_KINDS)]
        if shape == "chain":
            above = [i - 1]
        elif shape == "ladder":
            above = [0] if i <= 2 else [j for j in (i - 2 - (i + 1) % 2, i - 1 - (i + 1) % 2) if j > 0]
        elif shape == "star":
            above = [0]
        elif shape == "dense":
            above = list(range(max(0, i - BAND), i))
        elif shape == "random":
            above = sorted(set(rnd.randrange(0, i) for _ in range(rnd.randint(1, 3))))
        elif shape == "cycle":
            above = [i - 1]
        else:
            raise ValueError(shape)
        add(kind, above)
    if shape == "cycle":
        nodes[0]["kind"] = "claim"  # a cycle has no top: the first statement rests on the last
        nodes[0]["supports"] = [ids[-1]]
        nodes.insert(0, {"id": "top", "kind": "thesis", "text": "The cycle argues for this."})
        nodes[1]["supports"].append("top")
    while len(nodes) < n:
        i = len(nodes)
        target = ids[rnd.randrange(1, len(ids))]
        if i % 2:
            nodes.append({"id": f"o{i}", "kind": "objection", "text": f"Objection {i}.", "attacks": [target]})
        else:
            nodes.append({"id": f"o{i}", "kind": "rebuttal", "text": f"Rebuttal {i}.",
                          "attacks": [nodes[-1]["id"]]})
    return {"title": f"A {shape} of {n} statements", "nodes": {d.pop("id"): d for d in nodes}}


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


def without_thesis(amap: ArgumentMap) -> ArgumentMap:
    """The map as a plan with no thesis yet (its reasons argue about nothing), changed in place."""
    for thesis in amap.nodes_of("thesis"):
        amap.graph.remove_node(thesis)
    return amap


def nearest_share(amap: ArgumentMap, pos: dict[str, tuple[int, int]]) -> tuple[int, int]:
    """(evidence drawn nearer to a statement it supports than to any other reason or claim,
    evidence that supports something)."""
    graph = amap.graph
    statements = amap.nodes_of("reason", "claim")
    good = total = 0
    for e in amap.nodes_of("evidence"):
        supported = [v for v, d in graph.succ[e].items() if d["relation"] == "supports"]
        if not supported:
            continue
        total += 1

        def dist(v: str, e: str = e) -> float:
            return float((pos[v][0] - pos[e][0]) ** 2 + (pos[v][1] - pos[e][1]) ** 2)

        own = min(dist(v) for v in supported)
        good += all(own < dist(s) for s in statements if s not in supported)
    return good, total
