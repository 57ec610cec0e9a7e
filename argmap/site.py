"""A class's maps as one site: every map's page plus ``index.html``, one row per map.

Rendering a folder of thirty student maps should take the time of the slowest few, not the sum,
so maps are rendered in worker processes (``jobs``; 1 renders in this process). A worker never
raises a user error across the process boundary: it returns a :class:`SiteEntry` carrying the
diagnostics, and entries come back in input order whatever order the workers finish in, so the
index is byte-identical from run to run.

What a row says about a map (documented for teachers in the README):

- **counts**: its reasons, evidence and objections;
- **evidence strength**: the mean :func:`argmap.evidence.strength` of its reasons (the same score
  ``argmap evidence`` prints per reason), or none when it has no reasons;
- **weak spot**: the message of the first warning ``argmap.check`` returns after the map's own
  ``check: select/ignore``, i.e. the finding ``argmap check MAP`` would print first;
- a failed map: its first error as ``path:line:column: message``, and no link.
"""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from .errors import ArgmapError, Diagnostic
from .options import LoadOptions, RenderOptions

INDEX = "index.html"


@dataclass(frozen=True)
class SiteEntry:
    """One map of the site: what the index says about it, or why it failed."""

    path: str  # the map file, as given
    page: str | None  # the page written (a path), None when the map failed
    title: str = ""
    nodes: int = 0
    reasons: int = 0
    evidence: int = 0
    objections: int = 0
    strength: float | None = None
    findings: int = 0
    weak_spot: str | None = None
    weak_code: str | None = None
    errors: tuple[Diagnostic, ...] = field(default=())

    @property
    def failed(self) -> bool:
        return self.page is None


def page_targets(paths: Sequence[str], folder: str) -> list[str]:
    """The page for each map in ``folder``: ``NAME.html``, made unique in input order.

    ``a/essay.yaml`` and ``b/essay.yaml`` (or ``essay.yaml`` and ``essay.json``) would otherwise
    overwrite each other's page, and a map called ``index`` the site's index: later ones get
    ``NAME-2.html``, ``NAME-3.html``...
    """
    taken = {os.path.splitext(INDEX)[0].casefold()}
    out = []
    for path in paths:
        base = "map" if path == "-" else os.path.splitext(os.path.basename(path))[0]
        name, n = base, 1
        while name.casefold() in taken:
            n += 1
            name = f"{base}-{n}"
        taken.add(name.casefold())
        out.append(os.path.join(folder, name + ".html"))
    return out


def summarize(amap: Any) -> dict[str, Any]:
    """The index's figures for a loaded map (see the module docstring for their definitions)."""
    from . import check
    from .checks import as_configured
    from .evidence import summaries

    reasons = amap.nodes_of("reason")
    findings = as_configured(amap, check(amap))
    warnings = [d for d in findings if d.severity != "error"]
    every = summaries(amap)  # all strengths in one pass, not a walk per reason
    scores = [every[r].strength for r in reasons]
    return {
        "title": amap.title or "",
        "nodes": len(amap),
        "reasons": len(reasons),
        "evidence": len(amap.nodes_of("evidence")),
        "objections": len(amap.nodes_of("objection")),
        "strength": round(sum(scores) / len(scores), 2) if scores else None,
        "findings": len(warnings),
        "weak_spot": warnings[0].message if warnings else None,
        "weak_code": warnings[0].code if warnings else None,
    }


def render_entry(path: str, target: str, fmt: str | None, load_options: LoadOptions,
                 render_options: RenderOptions) -> SiteEntry:
    """Load, render and summarize one map; a user error becomes a failed entry (picklable)."""
    from . import load, write

    try:
        amap = load(path, format=fmt, options=load_options)
        write(amap, target, format="html", options=render_options)
        return SiteEntry(path, target, **summarize(amap))
    except ArgmapError as exc:
        return SiteEntry(path, None, errors=tuple(exc.diagnostics))


def render_pages(paths: Sequence[str], targets: Sequence[str], *, fmt: str | None = None,
                 load_options: LoadOptions | None = None, render_options: RenderOptions | None = None,
                 jobs: int | None = None,
                 on_done: Callable[[SiteEntry], None] | None = None) -> list[SiteEntry]:
    """Render ``paths[i]`` to ``targets[i]`` with ``jobs`` worker processes (default: one per CPU).

    ``on_done`` is called in this process as each map finishes (for a progress bar); the result is
    in input order. Standard input (``-``) can only be read here, so it forces one process.
    """
    load_options = load_options or LoadOptions()
    render_options = render_options or RenderOptions()
    jobs = min(jobs or os.cpu_count() or 1, len(paths))
    args = [(p, t, fmt, load_options, render_options) for p, t in zip(paths, targets, strict=True)]
    if jobs <= 1 or "-" in paths:
        out = []
        for a in args:
            entry = render_entry(*a)
            if on_done:
                on_done(entry)
            out.append(entry)
        return out
    results: list[SiteEntry | None] = [None] * len(args)
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_interrupt)
    try:
        futures = {pool.submit(render_entry, *a): i for i, a in enumerate(args)}
        for future in as_completed(futures):
            entry = future.result()
            results[futures[future]] = entry
            if on_done:
                on_done(entry)
    except BaseException:
        # Ctrl-C: maps not started are dropped, the ones running finish their (atomic) write
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return [e for e in results if e is not None]


def _ignore_interrupt() -> None:
    """Workers leave Ctrl-C to the main process, which stops the batch (no traceback per worker)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def index_rows(entries: Sequence[SiteEntry], folder: str) -> list[dict[str, Any]]:
    """The index's rows as plain values (links relative to ``folder``, URL-quoted)."""
    rows = []
    for e in entries:
        first = e.errors[0] if e.errors else None
        error = None
        if e.failed and first is not None:
            error = f"{first.path}:{first.line}:{first.column}: {first.code} {first.message}"
        href = None
        if e.page:
            rel = os.path.relpath(os.path.abspath(e.page), os.path.abspath(folder))
            href = urllib.parse.quote(rel.replace(os.sep, "/"))
        rows.append({
            "file": "<stdin>" if e.path == "-" else os.path.basename(e.path),
            "path": e.path,
            "title": e.title,
            "href": href,
            "reasons": e.reasons,
            "evidence": e.evidence,
            "objections": e.objections,
            "strength": e.strength,
            "findings": e.findings,
            "weak_spot": e.weak_spot,
            "weak_code": e.weak_code,
            "error": error,
            "more_errors": max(0, len(e.errors) - 1) if e.failed else 0,
        })
    return rows


def index_html(entries: Sequence[SiteEntry], folder: str, title: str | None = None) -> str:
    """The index page: self-contained, offline, every value escaped by the template."""
    import jinja2

    page = resources.files("argmap") / "page"
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True)
    template = env.from_string((page / "site.html.j2").read_text(encoding="utf-8"))
    script = (page / "site.js").read_text(encoding="utf-8").replace("</", "<\\/")
    rows = index_rows(entries, folder)
    failed = sum(r["error"] is not None for r in rows)
    return template.render(title=title or "Argument maps", rows=rows, failed=failed,
                           script=script)


def write_index(entries: Sequence[SiteEntry], folder: str, title: str | None = None) -> str:
    """Write ``folder/index.html`` atomically; returns its path."""
    from .io import atomic_write

    path = os.path.join(folder, INDEX)
    atomic_write(path, index_html(entries, folder, title))
    return path


def check_summary(path: str, diagnostics: Sequence[Diagnostic]) -> dict[str, Any]:
    """One file's findings in brief: counts and the most serious one (the first error, else the
    first warning, in the order ``argmap check`` prints them)."""
    errors = [d for d in diagnostics if d.severity == "error"]
    warnings = [d for d in diagnostics if d.severity != "error"]
    first = (errors or warnings)[0] if diagnostics else None
    return {"path": path, "errors": len(errors), "warnings": len(warnings),
            "first": first.to_dict() if first else None}


def format_check_summary(summary: dict[str, Any]) -> str:
    """``path: 0 errors, 3 warnings; line 12: AM205 evidence 'x' has no source`` (one line)."""
    e, w = summary["errors"], summary["warnings"]
    line = f"{summary['path']}: {e} error{'s' * (e != 1)}, {w} warning{'s' * (w != 1)}"
    first = summary["first"]
    if first:
        line += f"; line {first['line']}: {first['code']} {' '.join(first['message'].split())}"
    return line
