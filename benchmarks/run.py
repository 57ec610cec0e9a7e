"""argmap's benchmark: every target as a ratio against its peer, measured in one run.

    python -m benchmarks.run                 # full run (a few minutes on 2 cores)
    python -m benchmarks.run --quick         # smoke run: 100 and 1 000 nodes, seconds
    python benchmarks/run.py --no-browser --no-argdown --sizes 1000 10000

What it measures, on maps from ``tests/maps.py`` (100 / 1 000 / 10 000 / 100 000 nodes,
plus 5 000 for Argdown) and on ``graphs/stalin_purges.yaml``:

* argmap's stages in-process (load, check, layout, render, write), in a fresh interpreter per map;
* the whole command ``argmap render MAP -o PAGE`` as a subprocess: wall time and the peak RSS of
  that process (``ru_maxrss`` from ``os.wait4``, i.e. ``getrusage`` of the child);
* ``argmap --help``, ``argmap check`` and which modules they import (``python -X importtime``);
* naive pyvis (``Network.from_nx`` + ``write_html``) on the same graphs;
* Argdown's CLI (``@argdown/cli``, installed with npm into ``benchmarks/out/argdown`` when npm is
  available): ``--version`` start-up, ``web-component`` and ``html`` exports of the same maps;
* headless Chromium (Playwright driving the system ``chromium``): first draw of the page
  (``body[data-drawn]``, set after vis-network's first ``afterDrawing``) and click-to-trace latency
  (``window.argmap.select(id)`` until the redraw has been painted).

Results go to ``benchmarks/RESULTS.md`` (the table) and ``benchmarks/out/results.json`` (raw).
Speed assertions live here, not in the unit tests.
"""

from __future__ import annotations

import argparse
import datetime
import glob
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
if ROOT not in sys.path:  # ``python benchmarks/run.py`` as well as ``python -m benchmarks.run``
    sys.path.insert(0, ROOT)

from benchmarks import generate  # noqa: E402
from tests.browser import launch_chromium  # noqa: E402 - the one way tests and benchmark open Chromium

OUT = os.path.join(HERE, "out")
STALIN = os.path.join(ROOT, "graphs", "stalin_purges.yaml")
RESULTS_MD = os.path.join(HERE, "RESULTS.md")
ARGDOWN_PACKAGE = "@argdown/cli"
ARGDOWN_VERSION = "1.7.5"
#: modules the light commands must not import (checked with ``python -X importtime``)
NOT_FOR_HELP = (
    "networkx",
    "yaml",
    "jinja2",
    "markupsafe",
    "pyvis",
    "IPython",
    "argmap.readers",
    "argmap.layout",
    "argmap.writers",
    "argmap.analysis",
)
NOT_FOR_CHECK = (
    "pyvis",
    "IPython",
    "jinja2",
    "markupsafe",
    "argmap.layout",
    "argmap.writers",
    "argmap.writers.html",
    "numpy",
    "scipy",
    "pandas",
    "matplotlib",
    "playwright",
)


def log(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def env() -> dict[str, str]:
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "NO_COLOR": "1", "PYTHONPATH": ROOT + (os.pathsep + path if path else "")}


def argmap_command() -> list[str]:
    """The installed ``argmap`` entry point next to this interpreter (no pyenv/venv shim in front);
    ``python cli.py`` when it is not installed."""
    script = os.path.join(os.path.dirname(sys.executable), "argmap")
    if os.path.exists(script):
        return [script]
    return [sys.executable, os.path.join(ROOT, "cli.py")]


_RUSAGE_WRAPPER = """
import json, resource, subprocess, sys, time
t0 = time.perf_counter()
try:
    r = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=float(sys.argv[1]))
    code, err = r.returncode, r.stderr.decode("utf-8", "replace")[-2000:]
except subprocess.TimeoutExpired:
    code, err = -9, "timeout"
seconds = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"ok": code == 0, "seconds": seconds, "peak_mb": peak, "stderr": err}))
"""


def peak_rss(cmd: list[str], *, cwd: str = ROOT, timeout: float = 600) -> dict[str, Any]:
    """Wall time and peak RSS (MB) of one process.

    A small wrapper interpreter starts the command and reads ``getrusage(RUSAGE_CHILDREN)``: the
    command is forked from that small process, so its ``ru_maxrss`` is its own (a process forked
    straight from this runner would inherit the runner's high-water mark).
    """
    r = subprocess.run(
        [sys.executable, "-S", "-c", _RUSAGE_WRAPPER, str(timeout), *cmd],
        cwd=cwd,
        env=env(),
        capture_output=True,
        text=True,
        timeout=timeout + 60,
    )
    try:
        return json.loads(r.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]
    except (IndexError, ValueError):
        return {"ok": False, "seconds": 0.0, "peak_mb": 0.0, "stderr": r.stderr[-2000:]}


def best_of(n: int, cmd: list[str], **kw: Any) -> dict[str, Any]:
    runs = [peak_rss(cmd, **kw) for _ in range(n)]
    ok = [r for r in runs if r["ok"]]
    if not ok:
        return runs[-1]
    best = min(ok, key=lambda r: r["seconds"])
    return {**best, "runs": [round(r["seconds"], 4) for r in runs], "peak_mb": max(r["peak_mb"] for r in ok)}


def child(*args: str, timeout: float = 900) -> dict[str, Any]:
    r = subprocess.run(
        [sys.executable, "-m", "benchmarks._child", *args],
        cwd=ROOT,
        env=env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if r.returncode != 0:
        raise RuntimeError(f"benchmarks._child {args[0]} failed:\n{r.stderr[-3000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


# -- the machine --------------------------------------------------------------------------------
def machine() -> dict[str, Any]:
    cpu = platform.processor() or "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = "?"
    try:
        with open("/proc/meminfo", encoding="utf-8") as fh:
            kb = int(fh.readline().split()[1])
            mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory": mem,
        "os": platform.platform(),
        "load_at_start": load,
    }


def versions() -> dict[str, str]:
    from importlib import metadata

    import yaml

    out = {"python": platform.python_version()}
    for dist in ("argmap", "networkx", "PyYAML", "Jinja2", "click", "pyvis", "playwright"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = "-"
    out["libyaml"] = "yes" if getattr(yaml, "__with_libyaml__", False) else "no"
    from argmap.writers.html import VIS_VERSION

    out["vis-network"] = VIS_VERSION
    node = shutil.which("node")
    out["node"] = (
        subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip() if node else "-"
    )
    return out


# -- maps ---------------------------------------------------------------------------------------
def maps(sizes: list[int], seed: int) -> dict[str, dict[str, str]]:
    """``{name: {"yaml": path, "json": ..., "argdown": ...}}``, generated once per size and seed."""
    folder = os.path.join(OUT, "maps")
    out: dict[str, dict[str, str]] = {}
    for n in sizes:
        base = os.path.join(folder, f"synthetic_{n}_s{seed}")
        paths = {fmt: f"{base}.{fmt}" for fmt in ("yaml", "json", "argdown")}
        if not all(os.path.exists(p) for p in paths.values()):
            t0 = time.perf_counter()
            generate.write_all(generate.generate(n, seed), base)
            log(f"generated {n} nodes in {time.perf_counter() - t0:.1f} s")
        out[str(n)] = paths
    import argmap

    base = os.path.join(folder, "stalin_purges")
    generate.write_all(generate.document_of(argmap.load(STALIN)), base)
    out["stalin"] = {"yaml": STALIN, "argdown": base + ".argdown"}
    return out


# -- argmap -------------------------------------------------------------------------------------
def imports(cmd: list[str]) -> dict[str, Any]:
    r = subprocess.run(
        [sys.executable, "-X", "importtime", *cmd], cwd=ROOT, env=env(), capture_output=True, text=True
    )
    modules = []
    total_us = 0
    for line in r.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            _, cumulative, name = line[len("import time:") :].split("|")
            if cumulative.strip().isdigit():
                modules.append(name.strip())
                if not name.startswith("  "):
                    total_us += int(cumulative)
    return {"modules": modules, "count": len(modules), "import_ms": total_us / 1000}


def forbidden(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return sorted({m for m in modules for n in names if m == n or m.startswith(n + ".")})


def bench_startup(quick: bool) -> dict[str, Any]:
    cli = [os.path.join(ROOT, "cli.py")]
    n = 3 if quick else 5
    pages = os.path.join(OUT, "pages")
    os.makedirs(pages, exist_ok=True)
    out = {
        "help": best_of(n, argmap_command() + ["--help"]),
        "check": best_of(n, argmap_command() + ["check", STALIN]),
        "render_stalin": best_of(
            n, argmap_command() + ["render", STALIN, "-o", os.path.join(pages, "stalin_purges.html")]
        ),
        "python": best_of(n, [sys.executable, "-c", "pass"]),
    }
    help_imports = imports(cli + ["--help"])
    check_imports = imports(cli + ["check", STALIN])
    render_imports = imports(cli + ["render", STALIN, "-o", os.path.join(pages, "stalin_purges.html")])
    pyvis_imports = imports(["-c", "import pyvis.network, networkx"])
    out["imports"] = {
        "help": {
            "count": help_imports["count"],
            "import_ms": help_imports["import_ms"],
            "forbidden": forbidden(help_imports["modules"], NOT_FOR_HELP),
        },
        "check": {
            "count": check_imports["count"],
            "import_ms": check_imports["import_ms"],
            "forbidden": forbidden(check_imports["modules"], NOT_FOR_CHECK),
            "networkx_drawing": any(m.startswith("networkx.drawing") for m in check_imports["modules"]),
        },
        "render": {
            "count": render_imports["count"],
            "import_ms": render_imports["import_ms"],
            "pyvis": any(m == "pyvis" or m.startswith("pyvis.") for m in render_imports["modules"]),
        },
        "pyvis": {"count": pyvis_imports["count"], "import_ms": pyvis_imports["import_ms"]},
    }
    return out


def bench_argmap(paths: dict[str, dict[str, str]], sizes: list[int], quick: bool) -> dict[str, Any]:
    pages = os.path.join(OUT, "pages")
    os.makedirs(pages, exist_ok=True)
    out: dict[str, Any] = {}
    for n in sizes:
        yaml_path = paths[str(n)]["yaml"]
        page = os.path.join(pages, f"synthetic_{n}.html")
        repeats = 1 if n >= 100_000 or quick else (3 if n >= 10_000 else 5)
        log(f"argmap stages at {n} nodes ({repeats}x)")
        stages = child("stages", yaml_path, str(repeats), page)
        log(f"argmap render command at {n} nodes")
        cmd = best_of(
            1 if n >= 100_000 else (2 if quick else 3), argmap_command() + ["render", yaml_path, "-o", page]
        )
        if not cmd["ok"]:
            raise RuntimeError(f"argmap render failed at {n}: {cmd.get('stderr')}")
        json_cmd = None
        if n >= 10_000 and not quick:
            json_cmd = best_of(
                1,
                argmap_command()
                + ["render", paths[str(n)]["json"], "-o", os.path.join(pages, f"synthetic_{n}_json.html")],
            )
        size = os.path.getsize(page)
        force_page = None
        if n == 1000:  # the peer for the first-draw target: the browser lays out the same map
            force_page = os.path.join(pages, f"synthetic_{n}_force.html")
            peak_rss(argmap_command() + ["render", yaml_path, "-o", force_page, "--layout", "force"])
        out[str(n)] = {
            "stages": stages,
            "command": cmd,
            "json_command": json_cmd,
            "page": page,
            "page_bytes": size,
            "force_page": force_page,
        }
    return out


def prose_pool() -> tuple[list[str], list[str]]:
    """Human-written sentences for :func:`generate.with_prose`, and where they come from: the
    arg-microtexts essays and the seed essay (when ``../shared`` is beside the project), then the
    Python documentation's topic texts (``pydoc_data``, in every CPython)."""
    shared = os.path.join(os.path.dirname(ROOT), "shared")
    files = sorted(glob.glob(os.path.join(shared, "corpora", "arg-microtexts", "en", "*.txt")))
    files += [p for p in [os.path.join(shared, "seed", "stalin_purges_essay.txt")] if os.path.exists(p)]
    sentences = generate.prose_sentences(files)
    sources = [f"{len(files)} essays of ../shared"] if files else []
    try:
        from pydoc_data.topics import topics
    except ImportError:  # pragma: no cover - some distributions ship CPython without it
        topics = {}
    for name in sorted(topics):
        sentences += [x for x in generate.split_sentences(topics[name]) if len(x) > 20]
    if topics:
        sources.append("the Python documentation's topics (pydoc_data)")
    return sentences, sources


def bench_prose(sizes: list[int], seed: int) -> dict[str, Any]:
    """Page weight when the same maps carry real prose: packed pages depend on how text compresses."""
    sentences, sources = prose_pool()
    if not sentences:
        return {"skipped": "no prose found"}
    out: dict[str, Any] = {"sentences": len(sentences), "chars": sum(map(len, sentences)), "sources": sources}
    for n in sizes:
        if n not in (1_000, 10_000):
            continue
        log(f"argmap render, real prose, {n} nodes")
        path = os.path.join(OUT, "maps", f"prose_{n}.yaml")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(generate.to_yaml(generate.with_prose(generate.generate(n, seed), sentences)))
        page = os.path.join(OUT, "pages", f"prose_{n}.html")
        cmd = best_of(1, argmap_command() + ["render", path, "-o", page])
        if not cmd["ok"]:
            raise RuntimeError(f"argmap render failed on {path}: {cmd.get('stderr')}")
        out[str(n)] = {"page_bytes": os.path.getsize(page)}
    return out


# -- pyvis --------------------------------------------------------------------------------------
def bench_pyvis(paths: dict[str, dict[str, str]], sizes: list[int]) -> dict[str, Any]:
    pages = os.path.join(OUT, "pyvis")
    os.makedirs(pages, exist_ok=True)
    out: dict[str, Any] = {}
    for n in sizes:
        if n > 10_000:
            out[str(n)] = {"skipped": "quadratic: would take minutes (see the 1k -> 10k growth)"}
            continue
        log(f"pyvis at {n} nodes")
        out[str(n)] = child("pyvis", paths[str(n)]["yaml"], os.path.join(pages, f"synthetic_{n}.html"))
    return out


# -- Argdown ------------------------------------------------------------------------------------
def argdown_bin(install: bool) -> str | None:
    folder = os.path.join(OUT, "argdown")
    binary = os.path.join(folder, "node_modules", ".bin", "argdown")
    if os.path.exists(binary):
        return binary
    npm = shutil.which("npm")
    if not install or npm is None:
        return None
    os.makedirs(folder, exist_ok=True)
    log(f"npm install {ARGDOWN_PACKAGE}@{ARGDOWN_VERSION} into {folder}")
    r = subprocess.run(
        [
            npm,
            "install",
            "--prefix",
            folder,
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            f"{ARGDOWN_PACKAGE}@{ARGDOWN_VERSION}",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if r.returncode != 0 or not os.path.exists(binary):
        log(f"npm install failed: {r.stderr[-500:]}")
        return None
    return binary


def bench_argdown(
    paths: dict[str, dict[str, str]], binary: str, names: list[str], html_names: list[str], quick: bool
) -> dict[str, Any]:
    dest = os.path.join(OUT, "argdown-pages")
    os.makedirs(dest, exist_ok=True)
    n = 2 if quick else 3
    out: dict[str, Any] = {
        "version": subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip(),
        "startup": best_of(n, [binary, "--version"]),
    }
    for name in names:
        src = paths[name]["argdown"]
        repeats = n if name in ("stalin", "100") else 1
        log(f"argdown web-component on {name}")
        entry: dict[str, Any] = {
            "web_component": best_of(repeats, [binary, "web-component", src, dest], timeout=300)
        }
        if name in html_names:
            log(f"argdown html on {name}")
            entry["html"] = best_of(repeats, [binary, "html", src, dest], timeout=300)
        out[name] = entry
    return out


# -- the browser --------------------------------------------------------------------------------
_DRAWN_HOOK = """
(() => {
  const mark = () => {
    if (document.body && document.body.hasAttribute("data-drawn") && !window.__drawnAt) {
      window.__drawnAt = performance.now();
    }
  };
  new MutationObserver(mark).observe(document, {attributes: true, subtree: true,
                                                attributeFilter: ["data-drawn"]});
})();
"""

_CLICK = """
async (id) => {
  const net = window.argmap.network;
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));   // start from an idle frame
  const t0 = performance.now();
  const drawn = new Promise(r => net.once("afterDrawing", r));
  window.argmap.select(id);
  const t1 = performance.now();
  await Promise.race([drawn, new Promise(r => setTimeout(r, 10000))]);
  // the frame with the new highlight is on screen at the next animation frame
  await new Promise(r => requestAnimationFrame(r));
  return {select_ms: t1 - t0, total_ms: performance.now() - t0};
}
"""


def bench_browser(pages: dict[str, str], click_sizes: set[str]) -> dict[str, Any]:
    chromium = shutil.which("chromium")
    if chromium is None:
        return {"skipped": "no chromium on PATH"}
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"skipped": "playwright is not installed"}
    from pathlib import Path

    out: dict[str, Any] = {}
    profile = tempfile.mkdtemp(prefix="chromium-", dir=OUT)
    try:
        with sync_playwright() as pw:
            ctx = launch_chromium(pw, profile, chromium)
            out["chromium"] = ctx.browser.version if ctx.browser else "?"
            try:
                for name, path in pages.items():
                    log(f"chromium: {name}")
                    page = ctx.new_page()
                    page.add_init_script(_DRAWN_HOOK)
                    page.route(
                        "**/*",
                        lambda route: (
                            route.continue_()
                            if route.request.url.startswith(("file:", "data:", "blob:"))
                            else route.abort()
                        ),
                    )
                    errors: list[str] = []
                    page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
                    t0 = time.perf_counter()
                    page.goto(Path(path).resolve().as_uri(), wait_until="commit")
                    try:
                        page.wait_for_selector("body[data-drawn]", state="attached", timeout=120_000)
                    except Exception as exc:  # noqa: BLE001 - report, don't stop the run
                        out[name] = {"error": f"never drew: {exc}"[:300], "errors": errors}
                        page.close()
                        continue
                    wall = time.perf_counter() - t0
                    first_draw_ms = page.evaluate("window.__drawnAt || performance.now()")
                    entry: dict[str, Any] = {"first_draw_ms": first_draw_ms, "wall_s": wall, "errors": errors}
                    if name in click_sizes:
                        ids = page.evaluate("""() => {
                          const d = window.argmap.data, k = d.kinds.map(x => x.kind), pick = [];
                          for (const want of ["thesis", "reason", "claim", "evidence", "objection"]) {
                            const row = d.nodes.find(r => k[r[1]] === want); if (row) pick.push(row[0]);
                          }
                          return pick.concat(d.nodes.slice(-3).map(r => r[0]));
                        }""")
                        clicks = []
                        for node_id in ids:
                            clicks.append({"id": node_id, **page.evaluate(_CLICK, node_id)})
                        reset_ms = page.evaluate("""async () => {
                          const t0 = performance.now(); window.argmap.reset();
                          await new Promise(r => requestAnimationFrame(r)); return performance.now() - t0; }""")
                        totals = [c["total_ms"] for c in clicks]
                        entry.update(
                            {
                                "clicks": clicks,
                                "click_median_ms": statistics.median(totals),
                                "click_max_ms": max(totals),
                                "reset_ms": reset_ms,
                            }
                        )
                    out[name] = entry
                    page.close()
            finally:
                ctx.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return out


# -- the report ---------------------------------------------------------------------------------
def fmt_s(x: float | None) -> str:
    if x is None:
        return "-"
    return f"{x * 1000:.0f} ms" if x < 1 else f"{x:.2f} s"


def ratio_row(target: str, ours: str, peer: str, ratio: float | None, limit: float, met: bool | None) -> str:
    r = "-" if ratio is None else f"{ratio:.2f}"
    status = "n/a" if met is None else ("**met**" if met else "**NOT met**")
    return f"| {target} | {ours} | {peer} | {r} (≤ {limit:g}) | {status} |"


def report(res: dict[str, Any]) -> str:
    m, v, a, st = res["machine"], res["versions"], res["argmap"], res["startup"]
    pv, ad, br = res.get("pyvis", {}), res.get("argdown", {}), res.get("browser", {})
    sizes = [int(s) for s in a]
    rows = []
    pr = res.get("prose", {})
    prose_note = (f"{pr['sentences']:,} sentences, {pr['chars'] / 1e3:.0f} kB, from " + " and ".join(pr["sources"])
                  if pr.get("sentences") else "no prose was found")

    # 1. start-up vs Argdown on the Stalin map
    ours = st["render_stalin"]["seconds"]
    ad_stalin = (ad.get("stalin") or {}).get("web_component", {}) if isinstance(ad, dict) else {}
    peer = ad_stalin.get("seconds") if ad_stalin.get("ok") else None
    rows.append(
        ratio_row(
            "1. `argmap render stalin_purges.yaml` vs `argdown web-component` (same map)",
            fmt_s(ours),
            fmt_s(peer),
            ours / peer if peer else None,
            0.5,
            (ours / peer <= 0.5) if peer else None,
        )
    )
    ad_start = (ad.get("startup") or {}).get("seconds") if isinstance(ad, dict) else None
    rows.append(
        ratio_row(
            "1. `argmap render stalin_purges.yaml` vs Argdown's bare start-up (`--version`)",
            fmt_s(ours),
            fmt_s(ad_start),
            ours / ad_start if ad_start else None,
            1,
            (ours <= ad_start) if ad_start else None,
        )
    )
    imp = st["imports"]
    lazy_ok = not imp["help"]["forbidden"] and not imp["check"]["forbidden"] and not imp["render"]["pyvis"]
    rows.append(
        ratio_row(
            "1. lazy imports: modules of `argmap check` vs `import pyvis, networkx`",
            f"{imp['check']['count']} modules, {imp['check']['import_ms']:.0f} ms (help: {imp['help']['count']})",
            f"{imp['pyvis']['count']} modules, {imp['pyvis']['import_ms']:.0f} ms",
            imp["check"]["count"] / imp["pyvis"]["count"],
            1,
            lazy_ok,
        )
    )

    # 2. linear scaling
    def work(n: int) -> float:
        s = a[str(n)]["stages"]
        return s["load"] + s["check"] + s["render"]

    if 1000 in sizes and max(sizes) > 1000:
        top = max(sizes)
        per_small, per_big = work(1000) / 1000, work(top) / top
        rows.append(
            ratio_row(
                f"2. load+check+render time per node, {top:,} vs 1 000 nodes",
                f"{per_big * 1e6:.0f} µs/node",
                f"{per_small * 1e6:.0f} µs/node (1 000)",
                per_big / per_small,
                1.5,
                per_big / per_small <= 1.5,
            )
        )
        pv1, pv10 = pv.get("1000", {}), pv.get("10000", {})
        if pv1.get("total") and pv10.get("total"):
            pv_ratio = (pv10["total"] / 10_000) / (pv1["total"] / 1000)
            rows.append(
                ratio_row(
                    "2. (peer, for comparison) naive pyvis time per node, 10 000 vs 1 000",
                    f"{pv10['total'] / 10_000 * 1e6:.0f} µs/node",
                    f"{pv1['total'] / 1000 * 1e6:.0f} µs/node (1 000)",
                    pv_ratio,
                    1.5,
                    None,
                )
            )
    if 10000 in sizes:
        e2e = a["10000"]["command"]["seconds"]
        rows.append(
            ratio_row(
                "2. `argmap render` 10 000 nodes end to end vs 1.5 s",
                fmt_s(e2e),
                "1.5 s",
                e2e / 1.5,
                1,
                e2e < 1.5,
            )
        )
        pv10 = pv.get("10000", {})
        if pv10.get("total"):
            peer = pv10["total"] + pv10["import"]
            rows.append(
                ratio_row(
                    "2. `argmap render` 10 000 nodes vs naive pyvis (import + from_nx + write_html)",
                    fmt_s(e2e),
                    fmt_s(peer),
                    e2e / peer,
                    1,
                    e2e < peer,
                )
            )
        ad5 = (ad.get("5000") or {}).get("web_component", {}) if isinstance(ad, dict) else {}
        if ad5.get("ok"):
            rows.append(
                ratio_row(
                    "2. `argmap render` 10 000 nodes vs `argdown web-component` 5 000 (5x faster)",
                    fmt_s(e2e),
                    fmt_s(ad5["seconds"]),
                    e2e / ad5["seconds"],
                    0.2,
                    e2e / ad5["seconds"] <= 0.2,
                )
            )

    # 3. browser
    b10, force = br.get("10000", {}), br.get("1000-force", {})
    if b10.get("first_draw_ms") is not None:
        # a force page draws its first frame before vis-network's physics has settled: the wall time
        # until ``data-drawn`` (which includes the stabilisation) is the fair peer
        peer_ms = force.get("wall_s", 0) * 1000 or None
        rows.append(
            ratio_row(
                "3. first draw, 10 000-node page (vs 2 s)",
                f"{b10['first_draw_ms']:.0f} ms",
                "2000 ms",
                b10["first_draw_ms"] / 2000,
                1,
                b10["first_draw_ms"] < 2000,
            )
        )
        if peer_ms:
            rows.append(
                ratio_row(
                    "3. first draw, 10 000 nodes laid out in Python vs 1 000 nodes laid out by "
                    "vis-network (`--layout force`)",
                    f"{b10['first_draw_ms']:.0f} ms",
                    f"{peer_ms:.0f} ms",
                    b10["first_draw_ms"] / peer_ms,
                    1,
                    b10["first_draw_ms"] < peer_ms,
                )
            )
    if b10.get("click_max_ms") is not None:
        rows.append(
            ratio_row(
                f"3. click-to-trace at 10 000 nodes, worst of {len(b10['clicks'])} (vs 100 ms)",
                f"{b10['click_max_ms']:.0f} ms (median {b10['click_median_ms']:.0f})",
                "100 ms",
                b10["click_max_ms"] / 100,
                1,
                b10["click_max_ms"] < 100,
            )
        )

    # 4. size: the benchmark's maps, then the same maps with real prose (see notes)
    vis = res["vis_bytes"]
    prose = res.get("prose", {})
    weights = [(f"4. page weight at {n:,} nodes vs vis-network + 200 B/node", n, a[str(n)]["page_bytes"])
               for n in sizes if n >= 1000]
    weights += [(f"4. (stricter than the target) page weight at {n:,} nodes whose texts are real prose "
                 "(same map, see notes)", n, prose[str(n)]["page_bytes"]) for n in sizes if str(n) in prose]
    for label, n, page in weights:
        budget = vis + 200 * n
        rows.append(
            ratio_row(label, f"{page / 1e6:.2f} MB", f"{budget / 1e6:.2f} MB", page / budget, 1, page <= budget)
        )
    top = str(max(sizes))
    mem = a[top]["command"]["peak_mb"]
    rows.append(
        ratio_row(
            f"4. peak RSS of `argmap render` at {int(top):,} nodes (vs 300 MB)",
            f"{mem:.0f} MB",
            "300 MB",
            mem / 300,
            1,
            mem < 300 if int(top) >= 100_000 else None,
        )
    )

    lines = [
        "# Benchmark results",
        "",
        f"Measured {res['date']} by `python -m benchmarks.run{' --quick' if res['quick'] else ''}` "
        f"({res['seconds']:.0f} s for the whole run). Every target is a ratio against its peer "
        "(or budget) measured in the same run, on the same machine, so the ratios travel better than "
        "the absolute times.",
        "",
        "## Machine and versions",
        "",
        f"- {m['nproc']} cores, {m['cpu']}, {m['memory']} RAM, {m['os']}; 1-minute load at start "
        f"{m['load_at_start']:.2f} (the machine is shared)",
        "- " + ", ".join(f"{k} {val}" for k, val in v.items()),
        f"- Argdown CLI {ad.get('version', '-') if isinstance(ad, dict) else '-'}"
        f"; Chromium {br.get('chromium', '-') if isinstance(br, dict) else '-'}"
        + (f" ({br['skipped']})" if isinstance(br, dict) and br.get("skipped") else ""),
        "",
        "## Targets",
        "",
        "| target | argmap | peer / budget | ratio | |",
        "|---|---|---|---|---|",
        *rows,
        "",
        "## argmap's stages (in-process, best of several; fresh interpreter per map)",
        "",
        "| nodes | edges | load | check | layout | render (incl. layout) | write | `argmap render` command | µs/node (command) | peak RSS (command) | page |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for n in sizes:
        s, c = a[str(n)]["stages"], a[str(n)]["command"]
        lines.append(
            f"| {n:,} | {a[str(n)].get('edges', '-')} | {fmt_s(s['load'])} | {fmt_s(s['check'])} | "
            f"{fmt_s(s['layout'])} | {fmt_s(s['render'])} | {fmt_s(s['write'])} | {fmt_s(c['seconds'])} | "
            f"{c['seconds'] / n * 1e6:.0f} | {c['peak_mb']:.0f} MB | {a[str(n)]['page_bytes'] / 1e6:.2f} MB |"
        )
    json_rows = [(n, a[str(n)]["json_command"]) for n in sizes if a[str(n)].get("json_command")]
    if json_rows:
        lines += [
            "",
            "The same maps as JSON: "
            + ", ".join(f"{n:,} nodes {fmt_s(c['seconds'])} ({c['peak_mb']:.0f} MB)" for n, c in json_rows)
            + ".",
        ]
    lines += [
        "",
        f"Start-up: `python -c pass` {fmt_s(st['python']['seconds'])}, `argmap --help` "
        f"{fmt_s(st['help']['seconds'])} ({imp['help']['count']} modules), `argmap check stalin_purges.yaml` "
        f"{fmt_s(st['check']['seconds'])} ({imp['check']['count']} modules), `argmap render stalin_purges.yaml` "
        f"{fmt_s(st['render_stalin']['seconds'])} ({imp['render']['count']} modules, pyvis "
        f"{'imported' if imp['render']['pyvis'] else 'not imported'}). Forbidden imports found: help "
        f"{imp['help']['forbidden'] or 'none'}, check {imp['check']['forbidden'] or 'none'}.",
    ]
    if imp["check"].get("networkx_drawing"):
        lines.append(
            "(`import networkx`, which the map model needs, always loads `networkx.drawing`; "
            "it imports no numpy/scipy/matplotlib.)"
        )
    if pv:
        lines += [
            "",
            "## Naive pyvis (`Network.from_nx` + `write_html`, same graphs)",
            "",
            "| nodes | import pyvis+networkx | from_nx | write_html | µs/node (from_nx+write) |",
            "|---|---|---|---|---|",
        ]
        for n in sizes:
            p = pv.get(str(n), {})
            if p.get("skipped"):
                lines.append(f"| {n:,} | skipped: {p['skipped']} | | | |")
            elif p:
                lines.append(
                    f"| {n:,} | {fmt_s(p['import'])} | {fmt_s(p['from_nx'])} | {fmt_s(p['write_html'])} | "
                    f"{p['total'] / n * 1e6:.0f} |"
                )
    if isinstance(ad, dict) and ad.get("startup"):
        lines += [
            "",
            f"## Argdown CLI {ad.get('version')} (same maps written as Argdown)",
            "",
            f"Start-up (`argdown --version`): {fmt_s(ad['startup']['seconds'])}.",
            "",
            "| map | web-component | html |",
            "|---|---|---|",
        ]
        for name, entry in ad.items():
            if not isinstance(entry, dict) or "web_component" not in entry:
                continue
            wc, ht = entry["web_component"], entry.get("html")
            lines.append(
                f"| {name} | {fmt_s(wc['seconds']) if wc.get('ok') else wc.get('error', 'failed')} | "
                f"{(fmt_s(ht['seconds']) if ht.get('ok') else ht.get('error', 'failed')) if ht else '-'} |"
            )
    elif isinstance(ad, dict) and ad.get("skipped"):
        lines += ["", f"Argdown: skipped ({ad['skipped']})."]
    if isinstance(br, dict) and not br.get("skipped"):
        lines += [
            "",
            "## Headless Chromium",
            "",
            "| page | first draw (performance.now at `data-drawn`) | goto → drawn (wall) | click-to-trace median / worst | reset |",
            "|---|---|---|---|---|",
        ]
        for name, e in br.items():
            if not isinstance(e, dict):
                continue
            if e.get("error"):
                lines.append(f"| {name} | {e['error']} | | | |")
                continue
            clicks = (
                f"{e['click_median_ms']:.0f} / {e['click_max_ms']:.0f} ms" if "click_max_ms" in e else "-"
            )
            reset = f"{e['reset_ms']:.0f} ms" if "reset_ms" in e else "-"
            lines.append(
                f"| {name} | {e['first_draw_ms']:.0f} ms | {e['wall_s']:.2f} s | {clicks} | {reset} |"
            )
    lines += [
        "",
        "## Reproduce",
        "",
        "```sh",
        "pip install -e '.[test]'            # argmap, pyvis (for vis-network), playwright",
        "apt-get install chromium nodejs npm # the browser and Argdown's runtime (optional)",
        "python -m benchmarks.run            # full run, writes this file; --quick for a smoke run",
        "python -m benchmarks.generate --sizes 1000 --out /tmp/maps   # just the maps",
        "```",
        "",
        "Options: `--sizes 1000 10000`, `--seed N`, `--no-argdown`, `--no-browser`, `--no-pyvis`, "
        "`--results PATH`. Argdown is installed with `npm install @argdown/cli` into "
        "`benchmarks/out/argdown/` on first use; Chromium is the system `chromium` (Playwright never downloads "
        "a browser of its own). Raw numbers: `benchmarks/out/results.json`.",
        "",
        "Notes: the maps are `tests/maps.py`'s (seed 1): one thesis per ~1 000 statements, "
        "reasons, claims, evidence with sources, objections, rebuttals, ~5 % cross-links, a few linked "
        "premises, undercuts and support cycles, texts of 10-40 words. Pages of more than 500 statements "
        "carry their data deflated (`writers/html.py`); the generator's small vocabulary packs about "
        "fivefold, human prose about threefold, so the page weight is also measured on the same maps "
        "with every text, label and quote replaced by real prose cut to the same length "
        f"({prose_note}; `generate.with_prose`). Click latency is "
        "`performance.now()` from `window.argmap.select(id)` until vis-network's next `afterDrawing` plus "
        "one animation frame; nodes clicked: the first thesis (its trace covers ~1 000 nodes), a reason, "
        "claim, evidence, objection and the last three nodes of the file.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="argmap's benchmark")
    parser.add_argument("--quick", action="store_true", help="smoke run: 100 and 1 000 nodes")
    parser.add_argument("--sizes", type=int, nargs="+")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-argdown", action="store_true")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-pyvis", action="store_true")
    parser.add_argument(
        "--results",
        default=None,
        help="where to write the table (default benchmarks/RESULTS.md, "
        "or benchmarks/out/RESULTS-quick.md with --quick)",
    )
    args = parser.parse_args(argv)
    sizes = args.sizes or ([100, 1000] if args.quick else list(generate.SIZES))
    results_md = args.results or (os.path.join(OUT, "RESULTS-quick.md") if args.quick else RESULTS_MD)
    os.makedirs(OUT, exist_ok=True)
    t0 = time.perf_counter()
    res: dict[str, Any] = {
        "date": datetime.date.today().isoformat(),
        "quick": args.quick,
        "machine": machine(),
        "versions": versions(),
    }
    from argmap.writers.html import vis_network_js

    res["vis_bytes"] = len(vis_network_js().encode())
    argdown_sizes = [s for s in (["100", "1000"] if args.quick else ["100", "1000", "5000"])]
    all_sizes = sorted(set(sizes) | ({int(s) for s in argdown_sizes} if not args.no_argdown else set()))
    paths = maps(all_sizes, args.seed)
    log("start-up and imports")
    res["startup"] = bench_startup(args.quick)
    res["argmap"] = bench_argmap(paths, sizes, args.quick)
    res["prose"] = bench_prose(sizes, args.seed)
    import argmap

    for n in sizes:
        res["argmap"][str(n)]["edges"] = argmap.load(paths[str(n)]["yaml"]).graph.number_of_edges()
    if not args.no_pyvis:
        res["pyvis"] = bench_pyvis(paths, [n for n in sizes if n >= 1000 or len(sizes) <= 2])
    if not args.no_argdown:
        binary = argdown_bin(install=True)
        if binary:
            names = ["stalin"] + (["100"] if args.quick else ["100", "1000", "5000"])
            html_names = ["stalin"] + ([] if args.quick else ["1000", "5000"])
            res["argdown"] = bench_argdown(paths, binary, names, html_names, args.quick)
        else:
            res["argdown"] = {
                "skipped": "npm is not available" if not shutil.which("npm") else "npm install failed"
            }
    if not args.no_browser:
        pages = {str(n): res["argmap"][str(n)]["page"] for n in sizes if n in (1000, 10000)}
        if "1000" in res["argmap"] and res["argmap"]["1000"].get("force_page"):
            pages["1000-force"] = res["argmap"]["1000"]["force_page"]
        res["browser"] = bench_browser(pages, {"1000", "10000"})
    res["seconds"] = time.perf_counter() - t0
    with open(
        os.path.join(OUT, "results.json" if not args.quick else "results-quick.json"), "w", encoding="utf-8"
    ) as fh:
        json.dump(res, fh, indent=1, default=str)
    text = report(res)
    os.makedirs(os.path.dirname(os.path.abspath(results_md)), exist_ok=True)
    with open(results_md, "w", encoding="utf-8") as fh:
        fh.write(text)
    log(f"wrote {results_md} in {res['seconds']:.0f} s")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
