"""Settings shared by the library and the CLI, as plain frozen values."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Limits:
    """Bounds that keep hostile documents from exhausting memory, time or the stack."""

    max_bytes: int = 256 * 1024 * 1024
    max_depth: int = 64
    max_values: int = 20_000_000  # scalars after alias expansion ("billion laughs" guard)
    max_nodes: int = 1_000_000


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class LoadOptions:
    limits: Limits = DEFAULT_LIMITS
    #: let ``essay:`` point outside the map's folder (absolute paths, ``..``, symlinks out)
    allow_outside_paths: bool = False
    #: read the essay named by the map (or by ``essay``) and check every quote against it
    load_essay: bool = True
    check_quotes: bool = True
    #: an essay file given on the command line, used instead of the map's own ``essay:``
    essay: str | None = None
    #: a quote not found in the essay (AM110) is a warning in ``ArgumentMap.diagnostics`` (the
    #: quote is left unmarked) instead of an error that stops the map loading
    lenient_quotes: bool = False


@dataclass(frozen=True)
class RenderOptions:
    title: str | None = None
    layout: str = "layered"  # layered | force
    #: the card drawing's direction (maps of up to 500 statements): auto lets the page pick the one
    #: that fits its map area at the larger zoom; down: thesis on top; right: thesis on the left
    direction: str = "auto"  # auto | down | right
    #: the order of the reasons' groups: as in the essay, or strongest evidence first
    order: str = "essay"  # essay | strength
    theme: str = "light"  # light | dark
    include_essay: bool = True
    #: the native writers embed the essay's text (``essay_text:``) so the map needs no essay file
    embed_essay: bool = False
    #: deflate the page's data: None packs pages of more than 500 statements (see writers.html)
    pack: bool | None = None
    extra: dict[str, str] = field(default_factory=dict)
