"""Drafting an argument map from an essay's own text, for a student to correct.

    >>> from argmap.extract import extract
    >>> amap = extract(open("graphs/stalin_purges.txt").read(), essay_name="stalin_purges.txt")

The essay is cut into units (sentences, and clauses where a connective starts a new step of the
argument) whose offsets are exact, so every node's ``quote`` is the essay's own passage. Roles and
links come from transparent rules (:mod:`argmap.extract.rules`); each node's ``note`` says which cues
decided it and ``data`` keeps its offsets. ``method`` names the method; the rules are the only
one so far (a sentence-embedding method is planned as an optional extra).

Any text gives a valid map, or an :class:`~argmap.errors.ArgmapError` when there is nothing to map
(empty text) or an option is wrong. Time is linear in the length of the essay.
"""

from __future__ import annotations

import re
import unicodedata

from ..errors import ArgmapError, did_you_mean
from ..model import CONFIDENCES, ArgumentMap, Confidence, shorten
from .rules import ROLES, Analysis, confidence_of
from .segment import Unit, units

__all__ = ["METHODS", "ROLES", "Analysis", "Unit", "analyse", "confidence_of", "extract", "units"]

METHODS: tuple[str, ...] = ("rules",)

#: diagnostic codes of the extractor
EMPTY_ESSAY = "AM030"
BAD_OPTION = "AM031"

_WHERE = "<extract>"


def analyse(text: str, *, method: str = "rules") -> Analysis:
    """The essay read into units with roles, confidence, cues and links (before any filtering)."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if method not in METHODS:
        raise ArgmapError.at(_WHERE, f"unknown extraction method '{method}'" + did_you_mean(method, METHODS),
                             code=BAD_OPTION, hint="methods are: " + ", ".join(METHODS))
    if not text.strip():
        raise ArgmapError.at(_WHERE, "the essay has no text to draft a map from", code=EMPTY_ESSAY,
                             hint="check that the file is the essay and is not empty")
    if "\x00" in text:  # a map may not name such a file as its essay, so no draft can
        raise ArgmapError.at(_WHERE, "the essay is not text (it holds NUL bytes)", code=EMPTY_ESSAY,
                             hint="check that the file is the essay, saved as plain text")
    from . import rules, segment

    found = units(text)
    if not found:
        raise ArgmapError.at(_WHERE, "the essay has no words to draft a map from", code=EMPTY_ESSAY,
                             hint="check that the file is the essay and is not empty")
    analysis = rules.analyse(text, found, segment.heading(text, found))
    return analysis


def extract(text: str, *, essay_name: str, min_confidence: Confidence | str | None = None,
            method: str = "rules") -> ArgumentMap:
    """A draft map of ``text``; ``essay_name`` is written as the map's ``essay:`` (relative to where
    the map will be saved). Units rated below ``min_confidence`` are left out and what rested on
    them is attached to what they argued about."""
    floor = _confidence(min_confidence)
    analysis = analyse(text, method=method)
    return build(analysis, essay_name=essay_name, min_confidence=floor)


def _confidence(value: Confidence | str | None) -> Confidence | None:
    if value is None or isinstance(value, Confidence):
        return value
    if isinstance(value, str) and value.lower() in CONFIDENCES:
        return Confidence(value.lower())
    raise ArgmapError.at(_WHERE, f"unknown confidence level {value!r}"
                         + (did_you_mean(value, CONFIDENCES) if isinstance(value, str) else ""),
                         code=BAD_OPTION, hint="levels are: " + ", ".join(CONFIDENCES))


def build(analysis: Analysis, *, essay_name: str, min_confidence: Confidence | None = None) -> ArgumentMap:
    """The map of an analysis: one node per unit that has a role, one edge per link."""
    roles, units_ = analysis.roles, analysis.units
    keep = [r not in ("other",) for r in roles]
    if min_confidence is not None:
        for i, conf in enumerate(analysis.confidence):
            if conf is not None and roles[i] != "thesis" and conf.weight < min_confidence.weight:
                keep[i] = False
    target = {s: (t, r) for s, t, r in analysis.links}

    def resolve(i: int) -> tuple[int, str] | None:
        """Where ``i``'s link ends once left-out units are skipped (their own link is followed)."""
        link = target.get(i)
        if link is None:
            return None
        relation = link[1]
        seen = {i}
        t = link[0]
        while not keep[t]:
            if t in seen or t not in target:
                return None
            seen.add(t)
            t = target[t][0]
        return t, relation

    amap = ArgumentMap(path=essay_name)
    amap.essay = analysis.text
    amap.essay_path = essay_name
    head = analysis.heading
    short_name = essay_name.replace("\\", "/").rsplit("/", 1)[-1]
    amap.title = _one_line(units_[head].text) if head is not None else f"Draft map of {short_name}"
    amap.meta["extract"] = {"method": analysis.method, "units": len(units_)}
    ids: dict[int, str] = {}
    used: set[str] = set()
    for i, u in enumerate(units_):
        if not keep[i]:
            continue
        node_id = _node_id(u, roles[i], used)
        ids[i] = node_id
        note = "Drafted from " + "; ".join(analysis.cues[i]) + "." if analysis.cues[i] else None
        amap.add_node(node_id, roles[i], _one_line(u.text), confidence=analysis.confidence[i],
                      quote=u.text, note=note, data={"start": u.start, "end": u.end})
    for i in ids:
        link = resolve(i)
        if link is not None and link[0] in ids and link[0] != i:
            amap.add_edge(ids[i], ids[link[0]], link[1])
    return amap


def _one_line(text: str) -> str:
    return " ".join(text.split())


_SLUG_WORD = re.compile(r"[A-Za-z0-9]+")
_SLUG_STOP = frozenset(str.split(
    "a an the and or but so of to in on at by for with from as is are was were be been it its this that "
    "these those there their they them he she his her we our you your i not no also which who what when "
    "could would should may might can will have has had do does did than then more most very"
))


def _node_id(unit: Unit, role: str, used: set[str]) -> str:
    """A readable id from the unit's first content words (ASCII only), unique in the map."""
    ascii_text = unicodedata.normalize("NFKD", unit.text).encode("ascii", "ignore").decode()
    words = [w.lower() for w in _SLUG_WORD.findall(ascii_text[:300]) if w.lower() not in _SLUG_STOP]
    base = "_".join(words[:3])[:40].strip("_") or f"{role}{unit.index + 1}"
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base}_{n}"
    used.add(candidate)
    return candidate


def describe(analysis: Analysis) -> str:
    """The analysis as plain text lines (role, confidence, link, text): for debugging and docs."""
    lines = []
    for i, u in enumerate(analysis.units):
        link = analysis.target_of(i)
        arrow = f"-{link[1][:3]}-> {link[0]}" if link else ""
        conf = analysis.confidence[i]
        lines.append(f"{i:>3} {analysis.roles[i]:<9} {conf.value if conf else '':<8} {arrow:<11} "
                     f"{shorten(u.text, 90)}")
    return "\n".join(lines)
