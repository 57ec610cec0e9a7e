"""The interactive page: one self-contained, offline, script-safe HTML file.

pyvis is the source of the vis-network build (its bundled ``vis-network.min.js``), read from the
installed package without importing pyvis itself: ``import pyvis`` pulls in IPython (0.25 s) and
its ``Network`` adds nodes through a list membership test (quadratic) and a template that inserts
titles as raw HTML. The page here is our own Jinja template with autoescape; map data travels as
one JSON document inside ``<script type="application/json">`` with ``<``, ``>``, ``&`` and the
JavaScript line separators escaped, and the page's script fills every panel with ``textContent``.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
from importlib import resources
from typing import Any

from ..layout import layered
from ..model import CONFIDENCES, KINDS, RELATIONS, ArgumentMap
from ..options import RenderOptions
from ..style import CONFIDENCE_STYLE, KIND_STYLE, RELATION_STYLE

VIS_VERSION = "9.1.2"
_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                 0x2028: "\\u2028", 0x2029: "\\u2029"}


@functools.lru_cache(maxsize=1)
def vis_network_js() -> str:
    """vis-network's standalone build as shipped inside the pyvis package."""
    spec = importlib.util.find_spec("pyvis")  # locates the package without running it
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyvis is not installed: pip install pyvis")
    base = list(spec.submodule_search_locations)[0]
    path = os.path.join(base, "templates", "lib", f"vis-{VIS_VERSION}", "vis-network.min.js")
    with open(path, encoding="utf-8") as fh:
        js = fh.read()
    return _inline_script(js)


def _inline_script(js: str) -> str:
    """Script text that cannot end its ``<script>`` element early."""
    return js.replace("</script", "<\\/script").replace("<!--", "<\\!--")


@functools.lru_cache(maxsize=1)
def _page_assets() -> tuple[Any, str, str]:
    import jinja2

    page = resources.files("argmap") / "page"
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True)
    env.filters["json_script"] = json_for_script
    template = env.from_string((page / "template.html.j2").read_text(encoding="utf-8"))
    app_js = _inline_script((page / "app.js").read_text(encoding="utf-8"))
    css = (page / "style.css").read_text(encoding="utf-8").replace("</", "<\\/")
    return template, app_js, css


def json_for_script(value: Any) -> Any:
    """JSON that is safe inside ``<script type="application/json">`` (no ``</script>``, no U+2028)."""
    from markupsafe import Markup

    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return Markup(text.translate(_JSON_ESCAPES))


def page_data(amap: ArgumentMap, options: RenderOptions) -> dict[str, Any]:
    """Everything the page's script needs, as compact arrays (no per-node style objects)."""
    graph = amap.graph
    positions = layered(amap) if options.layout == "layered" else None
    index = {n: i for i, n in enumerate(graph)}
    kind_index = {k: i for i, k in enumerate(KINDS)}
    conf_index = {c: i for i, c in enumerate(CONFIDENCES)}
    rel_index = {r: i for i, r in enumerate(RELATIONS)}
    nodes = []
    for n, d in graph.nodes(data=True):
        x, y = positions[n] if positions else (0, 0)
        row: list[Any] = [
            n,
            kind_index[d["kind"]],
            x,
            y,
            amap.label(n),
            d["text"],
            conf_index.get(d.get("confidence", ""), -1),
            d.get("source"),
            d.get("quote"),
            d.get("tags"),
            d.get("note"),
        ]
        while row[-1] is None:
            row.pop()
        nodes.append(row)
    edges = [[index[u], index[v], rel_index[r]] for u, v, r in graph.edges(data="relation")]
    return {
        "title": options.title or amap.title or "Argument map",
        "layout": options.layout,
        "kinds": [
            {"kind": k, "name": amap.kind_name(k), "plural": amap.kind_name(k, plural=True),
             **KIND_STYLE[k]}
            for k in KINDS
        ],
        "confidences": [{"level": c, **CONFIDENCE_STYLE[c]} for c in CONFIDENCES],
        "relations": [{"relation": r, **RELATION_STYLE[r]} for r in RELATIONS],
        "nodes": nodes,
        "edges": edges,
    }


#: above this many nodes the page leaves out the no-script outline (it would double the page)
OUTLINE_MAX_NODES = 2000


def outline_events(amap: ArgumentMap) -> list[tuple[str, Any]]:
    """The argument as nested lists (thesis -> reasons -> evidence), flattened into open/close
    events so the template needs no recursion however deep the argument goes."""
    from ..analysis import roots

    graph = amap.graph
    seen: set[str] = set()
    events: list[tuple[str, Any]] = [("ul", None)]
    # stack items: ("node", id, relation) or ("end", tag)
    stack: list[tuple[str, Any, Any]] = []
    starts = roots(amap) + [n for n in graph if graph.out_degree(n) == 0]
    starts += list(graph)  # anything not reached from a conclusion (e.g. a cycle) comes last
    for start in reversed(starts):
        stack.append(("node", start, None))
    while stack:
        what, node, relation = stack.pop()
        if what == "end":
            events.append((node, None))
            continue
        if node in seen:
            continue
        seen.add(node)
        d = graph.nodes[node]
        events.append(("li", {"id": node, "kind": d["kind"], "kind_name": amap.kind_name(d["kind"]),
                              "text": d["text"], "confidence": d.get("confidence"),
                              "source": d.get("source"), "relation": relation}))
        children = [(u, e["relation"]) for u, e in graph.pred[node].items() if u not in seen]
        stack.append(("end", "/li", None))
        if children:
            stack.append(("end", "/ul", None))
            for child, rel in reversed(children):
                stack.append(("node", child, rel))
            stack.append(("end", "ul", None))
    events.append(("/ul", None))
    return events


def write_html(amap: ArgumentMap, options: RenderOptions | None = None) -> str:
    options = options or RenderOptions()
    template, app_js, css = _page_assets()
    data = page_data(amap, options)
    return template.render(
        title=data["title"],
        data=data,
        kinds=data["kinds"],
        relations=data["relations"],
        outline=outline_events(amap) if len(amap) <= OUTLINE_MAX_NODES else None,
        theme=options.theme,
        vis_js=vis_network_js(),
        app_js=app_js,
        css=css,
    )
