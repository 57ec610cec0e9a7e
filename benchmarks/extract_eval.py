"""How well ``argmap extract`` drafts a map, measured against people's annotation.

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

    python -m benchmarks.extract_eval                   # prints the tables, writes EXTRACT_RESULTS.md
    python -m benchmarks.extract_eval --corpus DIR --out FILE --no-write
"""

from __future__ import annotations

import argparse
import glob
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field

import argmap
from argmap.extract import METHODS, Analysis, analyse
from argmap.extract.segment import units as split_units

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_CORPUS = os.path.join(os.path.dirname(ROOT), "shared", "corpora", "arg-microtexts", "en")
DEFAULT_OUT = os.path.join(HERE, "EXTRACT_RESULTS.md")
ROLE_CLASSES = ("thesis", "reason", "evidence", "objection", "rebuttal")
MIN_JACCARD = 0.5

Link = tuple[int, int, str]


@dataclass
class Gold:
    name: str
    text: str
    spans: list[tuple[int, int]]
    roles: list[str]
    links: set[Link]


@dataclass
class Prediction:
    spans: list[tuple[int, int]]
    roles: list[str]
    links: list[Link]


@dataclass
class Score:
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
    amap = argmap.load(xml_path)
    txt_path = xml_path[: -len(".xml")] + ".txt"
    with open(txt_path, encoding="utf-8") as fh:
        text = fh.read()
    if amap.essay is None or text.strip() != amap.essay:
        raise SystemExit(f"{txt_path}: text differs from the EDUs of {xml_path}")
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


def method_fn(name: str):  # type: ignore[no-untyped-def]
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
    return ["baseline: first", "baseline: position", *METHODS]


# -- report -------------------------------------------------------------------------------------
def _prf(s: Score) -> str:
    return f"{s.p:.3f} | {s.r:.3f} | **{s.f1:.3f}**"


def table(results: dict[str, Result], n_gold_units: int, n_gold_links: int) -> list[str]:
    lines = [
        "| method | role P | role R | role F1 | link P | link R | link F1 | unlabelled link F1 "
        "| units matched | time |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, r in results.items():
        lines.append(f"| {name} | {_prf(r.roles)} | {_prf(r.links)} | {r.unlabelled.f1:.3f} "
                     f"| {r.matched_units}/{n_gold_units} | {r.seconds:.2f} s |")
    return lines


def detail(results: dict[str, Result]) -> list[str]:
    head = "| method | " + " | ".join(f"{c} F1" for c in ROLE_CLASSES) + " | support F1 | attack F1 |"
    lines = [head, "|---" * (len(ROLE_CLASSES) + 3) + "|"]
    for name, r in results.items():
        cells = [f"{r.per_role[c].f1:.3f}" for c in ROLE_CLASSES]
        cells += [f"{r.per_relation['supports'].f1:.3f}", f"{r.per_relation['attacks'].f1:.3f}"]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines


def report(corpus: str, golds: list[Gold], subsets: dict[str, list[Gold]], methods: list[str]) -> str:
    n_units = sum(len(g.roles) for g in golds)
    n_links = sum(len(g.links) for g in golds)
    roles = Counter(r for g in golds for r in g.roles)
    out = [
        "# Drafting maps from text: figures against human annotation",
        "",
        "Generated by `python -m benchmarks.extract_eval` (do not edit by hand; rerun it).",
        "",
        f"Gold: the English **arg-microtexts** corpus (Peldszus & Stede 2015, CC BY-NC-SA 4.0), "
        f"all {len(golds)} texts in `{os.path.relpath(corpus, ROOT)}`, read with argmap's microtexts "
        f"reader: {n_units} ADUs ("
        + ", ".join(f"{k} {v}" for k, v in roles.most_common()) + f"), {n_links} support/attack links.",
        "",
        "Matching and scoring (details in the docstring of `benchmarks/extract_eval.py`): a predicted "
        "unit matches a gold ADU when their character spans overlap by at least half of their union "
        "(Jaccard >= 0.5), one-to-one, best overlap first. A role is right when the matched ADU has "
        "that role; a link is right when both ends match and the gold graph has that link with the "
        "same relation (support or attack; an undercut counts as an attack on the premise of the step "
        "it undercuts). Units the method calls `other` are not predictions. P, R and F1 are "
        "micro-averaged over the corpus.",
        "",
        "## All texts",
        "",
        *table(evaluate(golds, methods), n_units, n_links),
        "",
    ]
    for title, subset in subsets.items():
        out += [f"## {title}", "",
                *table(evaluate(subset, methods), sum(len(g.roles) for g in subset),
                       sum(len(g.links) for g in subset)), ""]
    out += ["## Per role and per relation (all texts)", "", *detail(evaluate(golds, methods)), ""]
    out += [
        "## Methods",
        "",
        "- `baseline: first`: sentences; the first is the thesis, every other sentence is a reason "
        "supporting it.",
        "- `baseline: position`: sentences; the first is the thesis, each later sentence supports the "
        "one before it (the second is a reason, the rest evidence).",
        "- `rules`: `argmap.extract` (the default of `argmap extract`): clause-level units, roles from "
        "discourse markers, evidence cues, hedges and position, links by marker, paragraph, proximity "
        "and lexical overlap; see `argmap/extract/rules.py`.",
    ]
    out.append("- A sentence-embedding method (issue 8, point 6, optional) is not built yet, so it is "
               "not measured.")
    out += [
        "",
        "The rules were written while looking at `graphs/stalin_purges.txt`, at where the corpus draws "
        "unit boundaries and at the thesis errors on the whole corpus, so these figures are not a "
        "blind test; the two halves of the corpus are shown separately only as a rough check of "
        "how much they vary.",
        "",
    ]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=DEFAULT_CORPUS, help="folder with micro_*.xml and .txt")
    parser.add_argument("--out", default=DEFAULT_OUT, help="where to write the Markdown report")
    parser.add_argument("--no-write", action="store_true", help="only print the report")
    args = parser.parse_args(argv)
    files = sorted(glob.glob(os.path.join(args.corpus, "micro_*.xml")))
    if not files:
        print(f"no micro_*.xml files in {args.corpus}", file=sys.stderr)
        return 1
    golds = [read_gold(f) for f in files]
    subsets = {
        "Texts micro_b* only": [g for g in golds if g.name.startswith("micro_b")],
        "Texts micro_k* and micro_d* only": [g for g in golds if not g.name.startswith("micro_b")],
    }
    text = report(args.corpus, golds, subsets, available_methods())
    print(text)
    if not args.no_write:
        from argmap.io import atomic_write

        atomic_write(args.out, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
