"""Speed at every shape: chain, ladder, star, dense, random DAG and one big support cycle.

The realistic generator (``benchmarks.generate``) makes shallow maps; these make the shapes where
a walk per statement turns quadratic: a chain (each statement supports the one above), a ladder
(two statements a level, each supporting both above), a star (everything supports the thesis),
a dense band (each statement supports the 50 above it), a random DAG (each supports 1-3 earlier
ones) and a cycle. Kinds rotate so evidence sits at every depth, and some statements draw
objections, so every analysis has work at every level.

    python -m benchmarks.shapes                     # 1k, 10k, 100k; writes SHAPES_RESULTS.md
    python -m benchmarks.shapes --sizes 1000 10000 --shapes chain ladder

Each (shape, size) runs in a fresh interpreter (``python -m benchmarks.shapes one SHAPE N``) with
a time limit, so one slow stage shows up as a finding instead of stalling the run. Before timing,
the interpreter runs every stage once on a small map of the same shape (imports, templates and
regular expressions are then not counted against the smallest maps); each stage then runs several
times on the map and keeps its least CPU time: on a shared machine, other work only ever adds time,
so the least of a few runs is the steadiest estimate of the stage's own cost (the ``timeit``
rule). The ratios all come from one run. The file's "## Notes" section is kept across reruns.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from tests.maps import BAND, SHAPES
from tests.maps import shape_document as document

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SIZES = (1_000, 10_000, 100_000)
#: the dense band has 50 links per statement: 100 000 of them would be 5 million links
MAX_SIZE = {"dense": 10_000}
STAGES = ("load", "check", "render", "evidence", "outline")
#: not a stage of argmap: one linear pass over the same map (networkx's strongly connected
#: components, then a look at every link), timed the same way, to show what 10x the statements
#: costs on this machine when the work is linear by construction (bigger dicts miss the caches)
FLOOR = "linear pass"


def one(shape: str, n: int, out: str, repeats: int) -> dict[str, Any]:
    """Time each stage on one map, in this process (run fresh per map): the least CPU time of
    ``repeats`` runs, after one untimed run of every stage on a small map of the same shape."""
    import argmap
    from argmap.evidence import render as evidence_table
    from argmap.outline import outline

    stages = (("check", argmap.check), ("render", argmap.render),
              ("evidence", evidence_table), ("outline", outline))

    def load(size: int) -> Any:
        path = os.path.join(out, f"{shape}_{size}.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(document(shape, size), f)
        return path

    warm = argmap.load(load(WARM_UP))
    for _, run in stages:
        run(warm)
    del warm
    path = load(n)
    res: dict[str, Any] = {}
    res["load"], amap = _least_time(partial(argmap.load, path), repeats)
    res["nodes"], res["links"] = len(amap), amap.graph.number_of_edges()
    for stage, run in stages:
        res[stage], made = _least_time(partial(run, amap), repeats)
        if stage == "evidence":  # how much table there is to make: it grows faster than the map
            res["table_lines"] = str(made).count("\n")
        del made
    res[FLOOR], _ = _least_time(partial(_linear_pass, amap.graph), repeats)
    res["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return res


def _least_time(run: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    """The least CPU time of ``repeats`` calls of ``run`` (CPU time of this process: the machine is
    shared, so wall time measures the neighbours too), and what the last call returned; one call's
    output is held at a time."""
    least = math.inf
    made = None
    for _ in range(repeats):
        made = None
        t = time.process_time()
        made = run()
        least = min(least, time.process_time() - t)
    return least, made


def _linear_pass(graph: Any) -> int:
    """Work linear in statements + links by construction (``FLOOR``)."""
    import networkx as nx

    supports = sum(d["relation"] == "supports" for _, _, d in graph.edges(data=True))
    return supports + sum(1 for _ in nx.strongly_connected_components(graph))


EXTRACT_REPEATS = 40  # copies of the bundled essays in the 1x text (~0.5 MB)


def extract_one(times: int) -> dict[str, Any]:
    """CPU time of ``argmap extract`` (in-process) on the bundled essays repeated ``times`` x 40."""
    from argmap.extract import extract

    essays = sorted(p for p in os.listdir(os.path.join(ROOT, "graphs")) if p.endswith(".txt"))
    text = "\n\n".join(open(os.path.join(ROOT, "graphs", p), encoding="utf-8").read()  # noqa: SIM115
                       for p in essays)
    text = "\n\n".join([text] * EXTRACT_REPEATS * times)
    t = time.process_time()
    amap = extract(text, essay_name="essay.txt")
    spent = time.process_time() - t
    pathological = ". " * (20_000 * times)  # one empty sentence after another (was quadratic)
    t = time.process_time()
    extract(pathological, essay_name="dots.txt")
    return {"bytes": len(text.encode()), "units": len(amap), "extract": spent,
            "dots": time.process_time() - t,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


#: every stage runs this many times on maps of up to ``REPEAT_UP_TO`` statements (10-500 ms a
#: stage, where a shared machine's noise is largest), bigger ones ``BIG_REPEATS`` times; the least
#: time is kept
REPEAT_UP_TO = 10_000
REPEATS = 5
BIG_REPEATS = 2
#: statements in the map every stage runs on once before timing
WARM_UP = 200


def _least_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """One result from repeated runs of ``extract``: each stage's least time, the largest peak."""
    ok = [r for r in runs if "error" not in r]
    if not ok:
        return runs[0]
    out = dict(ok[0])
    for stage in ("extract", "dots"):
        if stage in out:
            out[stage] = min(r[stage] for r in ok)
    out["peak_mb"] = max(r["peak_mb"] for r in ok)
    out["runs"] = len(ok)
    return out


def measure(shapes: list[str], sizes: list[int], out: str, timeout: float,
            repeats: int = REPEATS) -> dict[str, Any]:
    results: dict[str, Any] = {}
    runs = [(shape, n) for shape in shapes for n in sizes if n <= MAX_SIZE.get(shape, n)]
    for shape, n in runs + [("extract", 1), ("extract", 4)]:
        times = repeats if shape == "extract" or n <= REPEAT_UP_TO else BIG_REPEATS
        cmd = [sys.executable, "-m", "benchmarks.shapes", "one", shape, str(n), "--out", out,
               "--repeat", str(times)]
        done_runs: list[dict[str, Any]] = []
        t = time.perf_counter()
        # extract runs in fresh interpreters (it is one stage); a map's stages repeat inside one
        for _ in range(times if shape == "extract" else 1):
            try:
                done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
                if done.returncode:
                    res: dict[str, Any] = {"error": done.stderr.strip().splitlines()[-1:]}
                else:
                    res = json.loads(done.stdout)
            except subprocess.TimeoutExpired:
                res = {"error": f"over {timeout:.0f} s"}
            done_runs.append(res)
            if "error" in res:
                break
        res = _least_run(done_runs)
        res["wall"] = time.perf_counter() - t
        results[f"{shape}/{n}"] = res
        print(f"{shape:>7} {n:>7}: {res}", file=sys.stderr, flush=True)
    return results


def _us(res: dict[str, Any], stage: str) -> str:
    return f"{res[stage] / res['nodes'] * 1e6:.0f}" if stage in res else "-"


def report(results: dict[str, Any], seconds: float) -> str:
    lines = [
        "# Speed at every shape",
        "",
        f"Measured by `python -m benchmarks.shapes` ({seconds:.0f} s for the run, a fresh interpreter "
        f"per map, every stage run once on a {WARM_UP}-statement map of the shape before timing; "
        f"each stage's least CPU time of {REPEATS} runs on maps of up to {REPEAT_UP_TO:,} statements, "
        f"{BIG_REPEATS} on bigger ones and {REPEATS} fresh interpreters for `extract`; on the shared "
        "2-core machine). Times are CPU µs per statement for each stage "
        "(`load` = read the JSON map, `check` = `argmap.check`, `render` = the whole page, "
        "`evidence` = `argmap evidence`'s table, `outline` = `argmap outline`).",
        "",
        "| shape | statements | links | " + " | ".join(f"{s} µs/stmt" for s in STAGES)
        + f" | {FLOOR} µs/stmt | evidence table lines | peak RSS |",
        "|---|---|---|" + "---|" * len(STAGES) + "---|---|---|",
    ]
    for key, res in results.items():
        shape, n = key.split("/")
        if shape == "extract":
            continue
        if "error" in res:
            lines.append(f"| {shape} | {int(n):,} | | **{res['error']}** |" + " |" * (len(STAGES) + 2))
            continue
        lines.append(f"| {shape} | {res['nodes']:,} | {res['links']:,} | "
                     + " | ".join(_us(res, s) for s in (*STAGES, FLOOR))
                     + f" | {res['table_lines']:,} | {res['peak_mb']:.0f} MB |")
    lines += ["", "## Ratios (10x the statements must cost at most 15x the time)", "",
              f"*{FLOOR}*: the same ratio for work linear by construction, on the same maps (not "
              "judged; it shows what this machine makes of 10x the data).", "",
              "| shape | sizes | " + " | ".join(STAGES[1:]) + f" | table lines | *{FLOOR}* | |",
              "|---|---|" + "---|" * (len(STAGES) + 2)]
    by_shape: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for key, res in results.items():
        shape, n = key.split("/")
        if shape == "extract":
            continue
        by_shape.setdefault(shape, []).append((int(n), res))
    for shape, runs in by_shape.items():
        runs.sort()
        for (n1, a), (n2, b) in zip(runs, runs[1:], strict=False):
            if "error" in a or "error" in b or n2 != 10 * n1:
                continue
            ratios = [b[s] / a[s] if a[s] > 0 else 0.0 for s in STAGES[1:]]
            floor = b[FLOOR] / a[FLOOR] if a[FLOOR] > 0 else 0.0
            if all(r <= 15 for r in ratios):
                verdict = "**met**"
            elif all(r <= max(15, floor) for r in ratios):
                verdict = f"**over 15x, under the {FLOOR}**"
            else:
                verdict = "**NOT met**"
            lines.append(f"| {shape} | {n1:,} -> {n2:,} | " + " | ".join(f"{r:.1f}x" for r in ratios)
                         + f" | {b['table_lines'] / a['table_lines']:.1f}x"
                         + f" | *{floor:.1f}x* | {verdict} |")
    one_x, four_x = results.get("extract/1", {}), results.get("extract/4", {})
    if "extract" in one_x and "extract" in four_x:
        lines += ["", "## extract (4x the text must cost at most 6x the time)", "",
                  "| text | bytes | units | CPU time | `\". \"` x 20 000 per x | peak RSS |",
                  "|---|---|---|---|---|---|"]
        for name, res in (("1x", one_x), ("4x", four_x)):
            lines.append(f"| {name} | {res['bytes']:,} | {res['units']:,} | {res['extract']:.2f} s | "
                         f"{res['dots']:.2f} s | {res['peak_mb']:.0f} MB |")
        ratio, dots = four_x["extract"] / one_x["extract"], four_x["dots"] / one_x["dots"]
        lines.append(f"\nRatio 4x/1x: essays {ratio:.1f}x, dots {dots:.1f}x: "
                     f"{'**met**' if max(ratio, dots) <= 6 else '**NOT met**'}.")
    lines += ["", "Shapes: chain (each statement supports the one above), ladder (two a level, each "
              "supporting both above), star (all support the thesis), dense (each supports the "
              f"{BAND} above it; capped at {MAX_SIZE['dense']:,} statements = "
              f"{MAX_SIZE['dense'] * BAND // 1000:,}k links), random (each supports 1-3 statements "
              "chosen uniformly among all before it: the same shape at every size), "
              "cycle (one support cycle through every statement). One statement in "
              "twenty is an objection or a rebuttal.", ""]
    return "\n".join(lines)


def _kept_notes(path: str) -> str:
    """The "## Notes" section of the results file being replaced: written by people (what cost
    what, which misses are noise), it outlives a rerun; update it to what the new figures say."""
    try:
        with open(path, encoding="utf-8") as f:
            old = f.read()
    except FileNotFoundError:
        return ""
    at = old.find("\n## Notes")
    return old[at:] if at >= 0 else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", nargs="?", default="all", choices=("all", "one"))
    parser.add_argument("shape", nargs="?")
    parser.add_argument("n", nargs="?", type=int)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--shapes", nargs="+", default=list(SHAPES), choices=SHAPES)
    parser.add_argument("--out", default=os.path.join(ROOT, "benchmarks", "out", "shapes"))
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--repeat", type=int, default=REPEATS,
                        help=f"runs of each stage on maps of up to {REPEAT_UP_TO:,} statements (least kept)")
    parser.add_argument("--write", default=os.path.join(ROOT, "benchmarks", "SHAPES_RESULTS.md"))
    args = parser.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    if args.mode == "one":
        run = (extract_one(args.n) if args.shape == "extract"
               else one(args.shape, args.n, args.out, args.repeat))
        print(json.dumps(run))
        return 0
    t = time.perf_counter()
    results = measure(args.shapes, args.sizes, args.out, args.timeout, args.repeat)
    text = report(results, time.perf_counter() - t)
    text += _kept_notes(args.write)
    with open(args.write, "w", encoding="utf-8") as f:
        f.write(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
