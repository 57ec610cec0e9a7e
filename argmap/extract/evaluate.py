"""Scoring drafted maps against people's annotation: how well :mod:`argmap.extract` finds the units,
roles and links a human annotator marked in the same text.

    from argmap.extract.evaluate import evaluate, read_gold
    golds = [read_gold(str(p)) for p in sorted(Path("arg-microtexts/en").glob("micro_*.xml"))]
    evaluate(golds, ["baseline: first", "rules"])["rules"].links.f1   # micro-averaged link F1

Gold: the English arg-microtexts (Peldszus & Stede), every ``micro_*.xml`` in the corpus folder,
read with argmap's own microtexts reader (``argmap.load``), so the gold roles are the kinds that
reader gives (thesis, reason, evidence, objection, rebuttal; a few ``claim``) and the gold links
are its edges. Each method drafts from the corpus's plain ``.txt`` of the same text.

Matching predicted units to gold ADUs (both are character spans of the same text): a predicted unit
and a gold ADU *match* when the overlap of their spans is at least half of their union (Jaccard
>= 0.5, white space at the ends excluded). Pairs are taken greedily, best overlap first, so each unit
matches at most one ADU and each ADU at most one unit. A unit whose span covers two gold ADUs
matches the one it overlaps more; the other ADU is then missed.

- **Roles**: a predicted unit with a role other than ``other`` is one prediction; it is correct
  when it matches a gold ADU of the same role. Recall is over all gold ADUs.
- **Links**: gold links are ``(source ADU, target ADU, support|attack)``: ``supports`` edges are
  support, ``attacks`` edges attack, and an undercut of the step ``premise -> conclusion`` is an
  attack on the premise (that is the statement a reader sees it argue against). Linked premises
  (``add``) are supports/attacks of the conclusion, as the reader gives them. A predicted link is
  correct when both its ends match gold ADUs and that gold link exists with the same relation
  (``unlabelled``: whatever the relation).

Baselines: ``first`` (every sentence supports the first sentence, which is the thesis; the others
are reasons) and ``position`` (position alone: the first sentence is the thesis, each later one
supports the sentence before it; the second is a reason, later ones evidence).

``python -m benchmarks.extract_eval`` reports these figures for the whole corpus.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import ArgmapError
from . import METHODS, Analysis, analyse
from .segment import units as split_units

__all__ = ["ROLE_CLASSES", "Gold", "Prediction", "Result", "Score", "available_methods", "evaluate",
           "match", "method_fn", "read_gold", "score"]

ROLE_CLASSES = ("thesis", "reason", "evidence", "objection", "rebuttal")
MIN_JACCARD = 0.5
#: the gold's text file does not hold the text its annotation was made on
GOLD_TEXT_DIFFERS = "AM032"

Link = tuple[int, int, str]


@dataclass
class Gold:
    """One annotated text: its ADUs' character spans in reading order, their roles, their links."""

    name: str
    text: str
    spans: list[tuple[int, int]]
    roles: list[str]
    links: set[Link]


@dataclass
class Prediction:
    """What a method drafted from the same text, indexed like :class:`Gold` (its own units)."""

    spans: list[tuple[int, int]]
    roles: list[str]
    links: list[Link]


@dataclass
class Score:
    """Counts summed over texts, so precision and recall are micro-averaged."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, tp: int, predicted: int, gold: int) -> None:
        self.tp += tp
        self.predicted += predicted
        self.gold += gold

    @property
    def p(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def r(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


@dataclass
class Result:
    """One method over a corpus: roles, links (labelled and not), per role and per relation."""

    roles: Score = field(default_factory=Score)
    per_role: dict[str, Score] = field(default_factory=lambda: {r: Score() for r in ROLE_CLASSES})
    links: Score = field(default_factory=Score)
    unlabelled: Score = field(default_factory=Score)
    per_relation: dict[str, Score] = field(
        default_factory=lambda: {r: Score() for r in ("supports", "attacks")})
    matched_units: int = 0
    seconds: float = 0.0


# -- gold ---------------------------------------------------------------------------------------
def read_gold(xml_path: str) -> Gold:
    """One microtext through argmap's reader: ADU spans, roles and links (undercut -> premise)."""
    from .. import load

    amap = load(xml_path)
    txt_path = xml_path[: -len(".xml")] + ".txt"
    with open(txt_path, encoding="utf-8") as fh:
        text = fh.read()
    if amap.essay is None or text.strip() != amap.essay:
        raise ArgmapError.at(txt_path, f"the text differs from the EDUs of {xml_path}",
                             code=GOLD_TEXT_DIFFERS,
                             hint="the .txt and the .xml of one microtext must come from the same corpus")
    offset = len(text) - len(text.lstrip())
    ids = sorted(amap, key=lambda n: amap.node(n)["data"]["start"])
    index = {n: i for i, n in enumerate(ids)}
    spans = [(amap.node(n)["data"]["start"] + offset, amap.node(n)["data"]["end"] + offset) for n in ids]
    roles = [amap.kind(n) for n in ids]
    links: set[Link] = set()
    for u, v, data in amap.edges():
        if data["relation"] == "undercuts":
            links.add((index[u], index[data["premise"]], "attacks"))
        else:
            links.add((index[u], index[v], data["relation"]))
    return Gold(os.path.basename(xml_path)[: -len(".xml")], text, spans, roles, links)


# -- methods ------------------------------------------------------------------------------------
def from_analysis(a: Analysis) -> Prediction:
    return Prediction([(u.start, u.end) for u in a.units], list(a.roles), list(a.links))


def baseline_first(text: str) -> Prediction:
    found = split_units(text, split_clauses=False)
    roles = ["thesis"] + ["reason"] * (len(found) - 1)
    return Prediction([(u.start, u.end) for u in found], roles,
                      [(i, 0, "supports") for i in range(1, len(found))])


def baseline_position(text: str) -> Prediction:
    found = split_units(text, split_clauses=False)
    roles = ["thesis", "reason", *["evidence"] * (len(found) - 2)][: len(found)]
    return Prediction([(u.start, u.end) for u in found], roles,
                      [(i, i - 1, "supports") for i in range(1, len(found))])


def method_fn(name: str) -> Callable[[str], Prediction]:
    """The method ``name`` (a baseline or one of :data:`argmap.extract.METHODS`): text -> prediction."""
    if name == "baseline: first":
        return baseline_first
    if name == "baseline: position":
        return baseline_position
    return lambda text: from_analysis(analyse(text, method=name))


# -- scoring ------------------------------------------------------------------------------------
def match(pred: list[tuple[int, int]], gold: list[tuple[int, int]]) -> dict[int, int]:
    """Predicted unit index -> gold ADU index, one-to-one, greedily by Jaccard overlap >= 0.5."""
    pairs = []
    for i, (a, b) in enumerate(pred):
        for j, (c, d) in enumerate(gold):
            inter = min(b, d) - max(a, c)
            if inter <= 0:
                continue
            jac = inter / (max(b, d) - min(a, c))
            if jac >= MIN_JACCARD:
                pairs.append((-jac, i, j))
    pairs.sort()
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in pairs:
        if i not in out and j not in used:
            out[i] = j
            used.add(j)
    return out


def score(result: Result, gold: Gold, pred: Prediction) -> None:
    m = match(pred.spans, gold.spans)
    result.matched_units += len(m)
    predicted = [i for i, r in enumerate(pred.roles) if r != "other"]
    correct = [i for i in predicted if i in m and gold.roles[m[i]] == pred.roles[i]]
    result.roles.add(len(correct), len(predicted), len(gold.roles))
    for role in ROLE_CLASSES:
        result.per_role[role].add(sum(pred.roles[i] == role for i in correct),
                                  sum(pred.roles[i] == role for i in predicted),
                                  sum(r == role for r in gold.roles))
    gold_unlabelled = {(s, t) for s, t, _ in gold.links}
    tp = tp_u = 0
    by_rel: Counter[str] = Counter()
    for s, t, rel in pred.links:
        if s in m and t in m:
            if (m[s], m[t], rel) in gold.links:
                tp += 1
                by_rel[rel] += 1
            if (m[s], m[t]) in gold_unlabelled:
                tp_u += 1
    result.links.add(tp, len(pred.links), len(gold.links))
    result.unlabelled.add(tp_u, len(pred.links), len(gold_unlabelled))
    for rel, sc in result.per_relation.items():
        sc.add(by_rel[rel], sum(r == rel for _, _, r in pred.links), sum(r == rel for _, _, r in gold.links))


def evaluate(golds: list[Gold], methods: list[str]) -> dict[str, Result]:
    """Each method's micro-averaged scores over ``golds`` (and the seconds it took), by name."""
    results: dict[str, Result] = {}
    for name in methods:
        fn = method_fn(name)
        res = Result()
        start = time.perf_counter()
        for g in golds:
            score(res, g, fn(g.text))
        res.seconds = time.perf_counter() - start
        results[name] = res
    return results


def available_methods() -> list[str]:
    """The two baselines, then argmap's own methods."""
    return ["baseline: first", "baseline: position", *METHODS]
