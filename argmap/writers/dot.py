"""Graphviz DOT with the page's look: shapes and colours from ``argmap.style``.

Node ids and labels are always double-quoted strings with ``\\``, ``"`` and line breaks escaped, so
no text can end the string or start a DOT statement; ``\\`` is doubled so that Graphviz's own label
escapes (``\\N``, ``\\G``, ...) never fire, and ``&`` is written ``&amp;`` because Graphviz decodes
HTML entities in labels (``Fish &amp; chips`` stays that text). Control characters become U+FFFD:
a NUL would end Graphviz's line and flip its quote pairing. Reasons point up at what they support
(``rankdir=BT``).
"""

from __future__ import annotations

from ..model import ArgumentMap, shorten
from ..options import RenderOptions
from ..style import KIND_STYLE, RELATION_STYLE
from ._chars import printable


def quote(text: str) -> str:
    """``text`` as a DOT double-quoted string that shows exactly ``text``."""
    text = printable(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    return '"' + text.replace("\n", "\\n") + '"'


def tooltip(text: str) -> str:
    """``text`` as a DOT tooltip: Graphviz reads a tooltip's escapes twice, so ``\\`` twice doubled."""
    return quote(" ".join(text.split()).replace("\\", "\\\\"))


def write_dot(amap: ArgumentMap, options: RenderOptions | None = None) -> str:
    title = amap.title or "argument map"
    out = ["digraph argmap {",
           f"  label={quote(title)};",
           '  labelloc="t";',
           '  rankdir="BT";',
           '  node [style="filled", fontname="Helvetica", fontsize="11"];',
           '  edge [fontname="Helvetica", fontsize="9"];']
    for n, d in amap.graph.nodes(data=True):
        style = KIND_STYLE[d["kind"]]
        label = f"{amap.kind_name(d['kind'])}: {amap.label(n, 60)}"
        if d.get("confidence"):
            label += f" ({d['confidence']})"
        attrs = [f"label={quote(label)}", f"tooltip={tooltip(shorten(d['text'], 300))}",
                 f"shape={quote(style['dot'])}", f"fillcolor={quote(style['color'])}",
                 f"fontcolor={quote(style['font'])}", f"penwidth={quote(str(style['border']))}"]
        if d.get("confidence") in ("possible", "doubtful"):
            attrs[-1] = 'style="filled,dashed"'
        out.append(f"  {quote(n)} [{', '.join(attrs)}];")
    for u, v, e in amap.graph.edges(data=True):
        rel = e["relation"]
        style = RELATION_STYLE[rel]
        attrs = [f"style={quote(style['dot'])}", f"arrowhead={quote(style['dothead'])}",
                 f"color={quote(style['color'])}", f"penwidth={quote(str(style['width']))}"]
        if rel != "supports":
            attrs.insert(0, f"label={quote(rel)}")
        if e.get("link") is not None:
            attrs.append(f"tooltip={tooltip('linked: ' + e['link'])}")
        out.append(f"  {quote(u)} -> {quote(v)} [{', '.join(attrs)}];")
    out.append("}")
    return "\n".join(out) + "\n"
