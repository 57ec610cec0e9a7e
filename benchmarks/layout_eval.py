"""How the card layout reads: size, zoom, evidence placement and edge crossings against Graphviz.

    python -m benchmarks.layout_eval                 # writes benchmarks/LAYOUT_RESULTS.md
    python -m benchmarks.layout_eval --out -         # prints it

For the bundled maps, essay-shaped maps of 10-60 statements (``essay_map``: one thesis, reasons
with evidence, claims, objections, rebuttals, shared evidence) and the benchmark generator's
debate-shaped maps, in both directions:

- the card boxes' bounding box and the zoom at which it fits the map area of a 1280 x 800 laptop
  beside the page's panels (900 x 650 px; 15 px labels are readable, >= 12 px, from zoom 0.8);
- the share of evidence drawn nearer to a statement it supports than to any other reason or claim;
- edge crossings: straight segments between card centres that cross (edges sharing an end never
  count), the same count for Graphviz ``dot`` (``dot -Tplain``, cards of the same sizes, the
  thesis on top) on the same graph;
- the time ``card_layout`` takes per statement at growing sizes (it must stay flat: linear).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from typing import Any

import argmap
from argmap.cards import CARD_WIDTH
from argmap.layout import DIRECTIONS, TARGET_AREA, card_layout, fit_zoom
from argmap.model import ArgumentMap
from tests.maps import essay_map, nearest_share

from .generate import generate, to_yaml

ROOT = __file__.rsplit("/", 2)[0]
BUNDLED = ("stalin_purges", "first_world_war", "school_uniforms")
ESSAY_SIZES = (10, 20, 30, 40, 50, 60)
SEEDS = (1, 2, 3)
TIMING_SIZES = (100, 500, 2_000, 10_000)


def crossings(amap: ArgumentMap, pos: dict[str, tuple[float, float]]) -> int:
    """Pairs of edges whose straight segments (centre to centre) cross; shared ends never count."""
    segs = [(u, v, pos[u], pos[v]) for u, v in amap.graph.edges()]

    def orient(p: tuple[float, float], q: tuple[float, float], r: tuple[float, float]) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    count = 0
    for i, (a, b, p1, p2) in enumerate(segs):
        for c, d, q1, q2 in segs[i + 1:]:
            if a in (c, d) or b in (c, d):
                continue
            d1, d2 = orient(q1, q2, p1), orient(q1, q2, p2)
            d3, d4 = orient(p1, p2, q1), orient(p1, p2, q2)
            if d1 * d2 < 0 and d3 * d4 < 0:
                count += 1
    return count


def dot_positions(amap: ArgumentMap, heights: list[int]) -> dict[str, tuple[float, float]] | None:
    """Graphviz dot's node centres for the same graph and card sizes (thesis on top), or None
    without Graphviz."""
    exe = shutil.which("dot")
    if exe is None:
        return None
    nodes = list(amap.graph)
    index = {n: i for i, n in enumerate(nodes)}
    lines = ["digraph G {", "node [shape=box, fixedsize=true];", "nodesep=0.35; ranksep=0.5;"]
    for i, h in enumerate(heights):
        lines.append(f"n{i} [width={CARD_WIDTH / 72:.3f}, height={h / 72:.3f}];")
    for u, v in amap.graph.edges():  # what is argued about above what argues about it
        lines.append(f"n{index[v]} -> n{index[u]};")
    lines.append("}")
    out = subprocess.run([exe, "-Tplain"], input="\n".join(lines), capture_output=True, text=True,
                         check=True).stdout
    pos: dict[str, tuple[float, float]] = {}
    for line in out.splitlines():
        parts = line.split()
        if parts and parts[0] == "node":
            pos[nodes[int(parts[1][1:])]] = (float(parts[2]) * 72, -float(parts[3]) * 72)
    return pos


def evaluate(name: str, amap: ArgumentMap) -> dict[str, Any]:
    cards = card_layout(amap)
    row: dict[str, Any] = {"map": name, "n": len(amap), "edges": amap.graph.number_of_edges()}
    for d in DIRECTIONS:
        pos = cards.as_dict(d)
        row[f"bbox_{d}"] = cards.bbox(d)
        row[f"zoom_{d}"] = fit_zoom(cards.bbox(d))
        row[f"cross_{d}"] = crossings(amap, pos)
        row[f"near_{d}"] = nearest_share(amap, pos)
    dot = dot_positions(amap, cards.heights)
    row["cross_dot"] = crossings(amap, dot) if dot is not None else None
    return row


def timing() -> list[tuple[int, float, float]]:
    out = []
    for n in TIMING_SIZES:
        amap = argmap.loads(to_yaml(generate(n, seed=1)))
        best = min(_timed(amap) for _ in range(2 if n >= 10_000 else 3))
        out.append((n, best * 1000, best / n * 1e6))
    return out


def _timed(amap: ArgumentMap) -> float:
    start = time.perf_counter()
    card_layout(amap)
    return time.perf_counter() - start


def _share(pair: tuple[int, int]) -> str:
    good, total = pair
    return f"{good}/{total}" if total else "-"


def _best_crossings(row: dict[str, Any]) -> int:
    """Crossings in the direction the page picks (the larger zoom)."""
    return int(row["cross_down"] if row["zoom_down"] >= row["zoom_right"] else row["cross_right"])


def report(rows: list[dict[str, Any]], times: list[tuple[int, float, float]]) -> str:
    w, h = TARGET_AREA
    out = ["# Card layout: size, zoom, evidence placement, crossings", "",
           "Produced by `python -m benchmarks.layout_eval` (see its docstring for what is counted).",
           f"Zoom = the scale at which the card boxes fit a {w} x {h} px map area (a 1280 x 800 laptop "
           "beside the page's panels); 0.8 draws 15 px labels at 12 px. *best* is the larger of the two "
           "directions, the one the page picks. Crossings: straight centre-to-centre edge segments that "
           "cross, ours in both directions and Graphviz `dot` on the same graph and card sizes.", "",
           "| map | statements | edges | down bbox | right bbox | zoom down | zoom right | best | "
           "evidence beside its statement (down / right) | crossings down | right | dot |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        bd, br = r["bbox_down"], r["bbox_right"]
        out.append(
            f"| {r['map']} | {r['n']} | {r['edges']} | {bd[0]} x {bd[1]} | {br[0]} x {br[1]} | "
            f"{r['zoom_down']:.2f} | {r['zoom_right']:.2f} | {max(r['zoom_down'], r['zoom_right']):.2f} | "
            f"{_share(r['near_down'])} / {_share(r['near_right'])} | {r['cross_down']} | "
            f"{r['cross_right']} | {'-' if r['cross_dot'] is None else r['cross_dot']} |")
    out += ["", "Summary by group of maps (means; crossings as totals):", "",
            "| maps | count | best zoom (mean, min) | zoom >= 0.8 | evidence beside (down / right) | "
            "crossings best direction / dot | maps with more crossings than dot (best direction) |",
            "|---|---:|---:|---:|---:|---:|---:|"]
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault(r["map"].split(" ")[0], []).append(r)
    for key, rs in groups.items():
        best = [max(r["zoom_down"], r["zoom_right"]) for r in rs]
        ours = [_best_crossings(r) for r in rs]
        dot = [r["cross_dot"] or 0 for r in rs]
        near = [sum(r[f"near_{d}"][0] for r in rs) * 100 / max(1, sum(r[f"near_{d}"][1] for r in rs))
                for d in DIRECTIONS]
        worse = sum(o > d for o, d in zip(ours, dot, strict=True))
        out.append(f"| {key} | {len(rs)} | {statistics.mean(best):.2f}, {min(best):.2f} | "
                   f"{sum(b >= 0.8 for b in best)}/{len(rs)} | {near[0]:.0f}% / {near[1]:.0f}% | "
                   f"{sum(ours)} / {sum(dot)} | {worse} |")
    above = [f"{r['map']} ({_best_crossings(r)} vs {r['cross_dot']})" for r in rows
             if r["cross_dot"] is not None and _best_crossings(r) > r["cross_dot"]]
    out += ["", "Where the best direction still has more crossings than `dot`: "
            + (", ".join(above) if above else "nowhere") + ". What is left is mostly evidence shared "
            "between a claim deep in one band and a statement of another band: its link runs across "
            "the first band's own links to its evidence, which `dot` avoids by drawing that evidence "
            "a layer lower."]
    out += ["", "Time of `argmap.layout.card_layout` (both directions, every spread tried) on the "
            "benchmark generator's maps (best of 2-3 runs):", "",
            "| statements | ms | µs per statement |", "|---:|---:|---:|"]
    out += [f"| {n:,} | {ms:.0f} | {us:.0f} |" for n, ms, us in times]
    return "\n".join(out) + "\n"


def maps() -> list[tuple[str, ArgumentMap]]:
    out = [(name, argmap.load(f"{ROOT}/graphs/{name}.yaml")) for name in BUNDLED]
    out += [(f"essay {n}/{seed}", essay_map(n, seed)) for n in ESSAY_SIZES for seed in SEEDS]
    out += [(f"generated {n}/{seed}", argmap.loads(to_yaml(generate(n, seed=seed))))
            for n in ESSAY_SIZES for seed in SEEDS]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=f"{ROOT}/benchmarks/LAYOUT_RESULTS.md",
                        help="'-' for stdout")
    parser.add_argument("--no-timing", action="store_true", help="skip the timing table")
    args = parser.parse_args(argv)
    rows = [evaluate(name, amap) for name, amap in maps()]
    text = report(rows, [] if args.no_timing else timing())
    if args.out == "-":
        sys.stdout.write(text)
    else:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write(text)
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
