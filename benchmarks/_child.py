"""Measurements that run in a fresh interpreter (one per map), printing one JSON object.

    python -m benchmarks._child stages MAP REPEATS OUT_HTML   argmap's stages, in-process
    python -m benchmarks._child pyvis MAP OUT_HTML            naive pyvis: from_nx + write_html

A fresh process per map keeps one size's garbage, caches and peak memory out of the next one's.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def stages(path: str, repeats: int, out_html: str) -> dict[str, float]:
    import argmap
    from argmap.io import atomic_write
    from argmap.layout import layered

    # warm up (template compilation, lazy imports, the vis-network file) on the smallest map
    here = os.path.dirname(os.path.abspath(__file__))
    warm = os.path.join(here, "..", "graphs", "stalin_purges.yaml")
    if os.path.exists(warm):
        argmap.render(argmap.load(warm))
    best: dict[str, float] = {}
    for _ in range(repeats):
        t0 = time.perf_counter()
        amap = argmap.load(path)
        t1 = time.perf_counter()
        argmap.check(amap)
        t2 = time.perf_counter()
        layered(amap)
        t3 = time.perf_counter()
        page = argmap.render(amap)
        t4 = time.perf_counter()
        atomic_write(out_html, page)
        t5 = time.perf_counter()
        times = {"load": t1 - t0, "check": t2 - t1, "layout": t3 - t2, "render": t4 - t3,
                 "write": t5 - t4}
        for k, v in times.items():
            best[k] = min(best.get(k, v), v)
        del amap, page
    best["nodes"] = len(argmap.load(path))
    best["peak_mb"] = _peak_mb()
    return best


def pyvis(path: str, out_html: str) -> dict[str, float]:
    t0 = time.perf_counter()
    import networkx as nx
    from pyvis.network import Network
    t1 = time.perf_counter()
    import argmap

    amap = argmap.load(path)
    graph = nx.DiGraph()  # what a pyvis user would hand over: labels and tooltips as attributes
    for n, d in amap.graph.nodes(data=True):
        graph.add_node(n, label=amap.label(n), title=d["text"], group=d["kind"])
    graph.add_edges_from(amap.graph.edges())
    t2 = time.perf_counter()
    net = Network(directed=True, cdn_resources="in_line")
    net.from_nx(graph)
    t3 = time.perf_counter()
    os.chdir(os.path.dirname(os.path.abspath(out_html)))
    net.write_html(os.path.basename(out_html))
    t4 = time.perf_counter()
    return {"import": t1 - t0, "from_nx": t3 - t2, "write_html": t4 - t3, "total": t4 - t2,
            "nodes": graph.number_of_nodes(), "peak_mb": _peak_mb(),
            "bytes": os.path.getsize(os.path.basename(out_html))}


def main(argv: list[str]) -> None:
    what = argv[0]
    if what == "stages":
        result = stages(argv[1], int(argv[2]), argv[3])
    elif what == "pyvis":
        result = pyvis(argv[1], argv[2])
    else:
        raise SystemExit(f"unknown measurement {what}")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
