"""Findings about an argument's shape, with stable codes (AM2xx), shared by the CLI and the page.

A check is a function ``(amap) -> Iterable[Diagnostic]`` registered in ``CHECKS`` under its code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .analysis import support_cycles
from .errors import Diagnostic
from .model import ArgumentMap

Check = Callable[[ArgumentMap], Iterable[Diagnostic]]


def finding(amap: ArgumentMap, node: str, code: str, message: str, hint: str) -> Diagnostic:
    loc = amap.location(node)
    return Diagnostic(loc.path, loc.line, loc.column, code, message, hint, "warning", node)


def circular_support(amap: ArgumentMap) -> Iterable[Diagnostic]:
    for cycle in support_cycles(amap):
        path = " -> ".join(cycle + [cycle[0]])
        yield finding(
            amap,
            cycle[0],
            "AM201",
            f"circular support: {path}",
            "a statement cannot (even indirectly) be a reason for itself: remove one 'supports' link",
        )


CHECKS: dict[str, tuple[str, Check]] = {
    "AM201": ("circular support", circular_support),
}


def run_checks(amap: ArgumentMap) -> list[Diagnostic]:
    """All findings, in file order."""
    out: list[Diagnostic] = []
    for _title, check in CHECKS.values():
        out.extend(check(amap))
    return sorted(out)


def filter_codes(
    diagnostics: Iterable[Diagnostic],
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> list[Diagnostic]:
    """Keep findings whose code starts with a selected prefix and with no ignored one.

    Errors (codes below AM200) always stay: a map that cannot be read is never silenced.
    """
    sel = tuple(select) if select else None
    ign = tuple(ignore) if ignore else ()
    out = []
    for d in diagnostics:
        if d.severity == "error" or (sel is None or d.code.startswith(sel)) and not (ign and d.code.startswith(ign)):
            out.append(d)
    return out
