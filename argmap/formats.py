"""The one table of file formats: a new format is one module and one row here.

Modules are imported only when their format is used, so ``argmap check`` never pays for the HTML
writer and ``argmap --help`` for nothing at all.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .errors import ArgmapError, did_you_mean


@dataclass(frozen=True)
class Format:
    name: str
    extensions: tuple[str, ...]
    description: str
    reader: str | None = None  # "module:function" under argmap.readers
    writer: str | None = None  # "module:function" under argmap.writers
    #: a writer yielding the output in pieces, used when writing to a file (large pages)
    stream: str | None = None
    #: extensions this format shares with another, and a reader-module function telling its content
    #: apart, e.g. AIF files named ``*.json``
    sniff: tuple[tuple[str, ...], str] | None = None

    def load_reader(self) -> Callable[..., Any]:
        return _resolve("argmap.readers", self.reader)

    def load_writer(self) -> Callable[..., Any]:
        return _resolve("argmap.writers", self.writer)

    def load_stream(self) -> Callable[..., Any]:
        """The streaming writer, or the plain one where the format has none."""
        return _resolve("argmap.writers", self.stream or self.writer)


def _resolve(package: str, ref: str | None) -> Callable[..., Any]:
    assert ref is not None
    module, _, func = ref.partition(":")
    return getattr(importlib.import_module(f"{package}.{module}"), func)  # type: ignore[no-any-return]


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("yaml", (".yaml", ".yml"), "argmap map (YAML)", "native:read_yaml", "native:write_yaml"),
        Format("json", (".json",), "argmap map (JSON)", "native:read_json", "native:write_json"),
        Format("html", (".html", ".htm"), "interactive page (vis-network)", None, "html:write_html",
               stream="html:generate_html"),
        Format("microtexts", (".xml",), "arg-microtexts corpus XML (<arggraph>)",
               "microtexts:read_microtexts", None),
        Format("aif", (".aif.json", ".aif"), "AIF JSON (AIFdb, OVA, xAIF)", "aif:read_aif", "aif:write_aif",
               sniff=((".json",), "aif:looks_like_aif")),
        Format("argdown", (".argdown", ".ad"), "Argdown source", "argdown:read_argdown",
               "argdown:write_argdown"),
        Format("kialo", (".kialo", ".kialo.txt"), "Kialo discussion text export", "kialo:read_kialo", None),
        Format("graphml", (".graphml",), "GraphML (yEd, Gephi, networkx)",
               "_interop_graphs:read_graphml", "graphml:write_graphml"),
        Format("gexf", (".gexf",), "GEXF 1.3 (Gephi)", "_interop_graphs:read_gexf", "gexf:write_gexf"),
        Format("nodelink", (".nodelink.json",), "networkx node-link JSON", None, "nodelink:write_nodelink"),
        Format("dot", (".dot", ".gv"), "Graphviz DOT", None, "dot:write_dot"),
        Format("mermaid", (".mmd", ".mermaid"), "Mermaid flowchart (GitHub Markdown)", None,
               "mermaid:write_mermaid"),
    )
}


def reader_formats() -> list[Format]:
    return [f for f in FORMATS.values() if f.reader]


def writer_formats() -> list[Format]:
    return [f for f in FORMATS.values() if f.writer]


def get(name: str, *, purpose: str) -> Format:
    """The format called ``name`` that can be used for ``purpose`` ("read" or "write")."""
    usable = reader_formats() if purpose == "read" else writer_formats()
    names = [f.name for f in usable]
    fmt = FORMATS.get(name.lower())
    if fmt is None or fmt not in usable:
        raise ArgmapError.at(
            "<command line>",
            f"cannot {purpose} format '{name}'" + did_you_mean(name.lower(), names),
            code="AM010",
            hint=f"formats that can be {purpose[:4]}{'ten' if purpose == 'write' else ''}: "
            + ", ".join(names),
        )
    return fmt


def guess(path: str, *, purpose: str, content: bytes | None = None) -> Format:
    """The format for ``path`` by its extension (``.argdown``, ``.yaml``, ...)."""
    lower = path.lower()
    usable = reader_formats() if purpose == "read" else writer_formats()
    if content is not None:
        for f in usable:
            if f.sniff and lower.endswith(f.sniff[0]) and _resolve("argmap.readers", f.sniff[1])(content):
                return f
    matches = [(ext, f) for f in usable for ext in f.extensions if lower.endswith(ext)]
    if matches:
        return max(matches, key=lambda m: len(m[0]))[1]  # ".aif.json" before ".json"
    sniffer = _sniff(content) if content is not None else None
    if sniffer is not None:
        return FORMATS[sniffer]
    ext = os.path.splitext(path)[1] or "(none)"
    raise ArgmapError.at(
        path,
        f"cannot tell the format of '{os.path.basename(path)}' from its extension {ext}",
        code="AM010",
        hint=f"name the format with --{'from' if purpose == 'read' else 'to'} FORMAT; known: "
        + ", ".join(f.name for f in usable),
    )


def _sniff(content: bytes) -> str | None:
    head = content.lstrip()[:1]
    if head in (b"{", b"["):
        return "json"
    if head:
        return "yaml"
    return None
