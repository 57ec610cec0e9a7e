"""Compare a student's map with a model map, matching statements by meaning, not by id.

Students choose their own ids and wording, so two statements are paired by what they say:

1. **Words.** Each statement's label and text become a set of word stems: case and accents
   folded, stop words dropped, a small suffix-stripping stemmer (:func:`stem`) so "purged",
   "purges" and "purging" agree.
2. **Similarity** of a model statement ``m`` and a student statement ``s`` is a weighted Dice
   coefficient of their stem sets, each stem weighted by its rarity across both maps
   (``idf = log(1 + N / df)``, N statements, df of them using the stem), so "Tukhachevsky"
   outweighs "Stalin" in a map about Stalin::

       text(m, s) = 2 * sum(idf of shared stems) / (sum(idf of m's stems) + sum(idf of s's stems))

3. **Kinds.** ``score = text(m, s) * KIND_FACTOR``: 1 for the same kind, ``RELATED_KINDS``
   (reason/claim, evidence/claim, objection/rebuttal) 0.8, any other 0.6. A thesis only pairs
   with a thesis, and theses always pair: ``score = 0.5 + 0.5 * text`` (one essay, one answer).
4. **Assignment.** The pairs scoring at least ``THRESHOLD`` form a bipartite graph; networkx's
   ``max_weight_matching`` picks the one-to-one assignment with the largest total score. A
   statement left without a partner is *missing* (model) or *extra* (student).

``THRESHOLD`` was tuned on the tuning pairs of ``benchmarks/compare_eval.py`` and checked on its
held-out pairs (precision and recall in ``benchmarks/COMPARE_RESULTS.md``).

Then, for every matched pair, what the statement argues about (its ``supports``/``attacks``
targets) is compared through the matching: a statement whose target in the student's map is not
the counterpart of its target in the model is *moved* (``student_target`` is None when it argues
about nothing in the student's map). *coverage* is the share of the model's
reasons and evidence that have a counterpart.

Only pairs sharing one of a statement's rarer stems are scored (an inverted index; see
:func:`scores`), and the assignment is exact for every group of up to ``EXACT_LIMIT`` competing
statements, greedy beyond (:func:`match`), so comparing two large maps stays near-linear.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .analysis import SUPPORTS
from .model import ArgumentMap

if TYPE_CHECKING:
    import networkx as nx

#: a statement in the matching graph: ``("m", id)`` from the model map, ``("s", id)`` the student's
_Side = tuple[str, str]

#: pairs scoring below this are not a match (see the module docstring for how it was chosen)
THRESHOLD = 0.2
KIND_FACTOR_RELATED = 0.8
KIND_FACTOR_OTHER = 0.6
RELATED_KINDS = frozenset({
    frozenset({"reason", "claim"}), frozenset({"evidence", "claim"}),
    frozenset({"objection", "rebuttal"}),
})
#: the model kinds coverage counts
COVERED_KINDS = ("reason", "evidence")
#: a stem used by more statements than this is too common to find candidates by (it still scores)
BUCKET_CAP = 200
#: candidates are found through this many of a statement's rarest stems
RARE_STEMS = 4
#: competing groups up to this many statements are matched exactly, larger ones greedily
EXACT_LIMIT = 400
#: far below the scores' rounding (0.001): decides only between equal scores
TIE_BREAK = 1e-6

_STOP_TEXT = """
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just
may me might more most must my myself no nor not now of off on once only or other our ours out over
own same she should so some such than that the their theirs them themselves then there these they
this those through to too under until up very was we were what when where which while who whom why
will with would you your yours yourself yourselves one ones even much many thus hence therefore
however though although yet still
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
#: suffixes stripped by :func:`stem`, longest first; a stem keeps at least 3 letters
_SUFFIXES = ("ational", "ations", "ation", "ions", "ion", "ements", "ement", "ments", "ment", "ness", "ities",
             "ity", "ings", "ing", "ies", "ied", "ers", "est", "ous", "ive", "ful", "ly", "ed",
             "er", "es", "al", "e", "s")
#: stems are cut to this many letters, so "executed" and "execution" agree
STEM_LENGTH = 7


def fold(text: str) -> str:
    """Lower case without accents: "Élite" and "elite" are one word."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def stem(word: str) -> str:
    """A crude, deterministic English stem: the first matching suffix stripped, then cut to
    ``STEM_LENGTH`` letters. It only has to make variants of one word agree, not be a word."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:STEM_LENGTH]


def stems(text: str) -> frozenset[str]:
    """The statement's content-word stems."""
    return frozenset(stem(w) for w in _WORD.findall(fold(text)) if w not in STOP_WORDS and len(w) > 1)


def statement_stems(amap: ArgumentMap, node: str) -> frozenset[str]:
    data = amap.node(node)
    return stems(f"{data.get('label') or ''} {data['text']}")


def kind_factor(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if frozenset({a, b}) in RELATED_KINDS:
        return KIND_FACTOR_RELATED
    return KIND_FACTOR_OTHER


@dataclass(frozen=True)
class Comparison:
    """The result, with both maps kept for the reports."""

    model: ArgumentMap
    student: ArgumentMap
    matched: list[dict[str, Any]]
    missing: list[str]
    extra: list[str]
    moved: list[dict[str, Any]]
    kind_changed: list[dict[str, Any]]
    coverage: float | None

    def to_dict(self) -> dict[str, Any]:
        """Exactly the documented keys (``--format json``)."""
        return {"matched": self.matched, "missing": self.missing, "extra": self.extra,
                "moved": self.moved, "kind_changed": self.kind_changed, "coverage": self.coverage}

    @property
    def pairs(self) -> dict[str, str]:
        """model id -> student id."""
        return {m["model"]: m["student"] for m in self.matched}


def scores(model: ArgumentMap, student: ArgumentMap) -> dict[tuple[str, str], float]:
    """The (model, student) pairs that could match, with their score (module docstring).

    Candidates come from an inverted index: a student statement is scored against a model
    statement when they share one of the model statement's ``RARE_STEMS`` rarest stems used by at
    most ``BUCKET_CAP`` statements of the student's map, or when both have exactly the same stems
    (found by hashing). Every candidate is scored on all its stems. Work is proportional to the
    map's size: a stem in every statement of a 100 000-statement map proposes no candidates.
    """
    m_stems = {n: statement_stems(model, n) for n in model}
    s_stems = {n: statement_stems(student, n) for n in student}
    df: dict[str, int] = defaultdict(int)
    for words in (*m_stems.values(), *s_stems.values()):
        for w in words:
            df[w] += 1
    total = len(m_stems) + len(s_stems)
    idf = {w: math.log(1 + total / c) for w, c in df.items()}
    by_stem: dict[str, list[str]] = defaultdict(list)
    same_words: dict[frozenset[str], list[str]] = defaultdict(list)
    for s, words in s_stems.items():
        same_words[words].append(s)
        for w in words:
            by_stem[w].append(s)
    s_weight = {s: sum(idf[w] for w in words) for s, words in s_stems.items()}
    s_theses = student.nodes_of("thesis")
    out: dict[tuple[str, str], float] = {}
    for m, words in m_stems.items():
        m_kind = model.kind(m)
        m_weight = sum(idf[w] for w in words)
        rare = sorted((w for w in words if 0 < len(by_stem.get(w, ())) <= BUCKET_CAP),
                      key=lambda w: (df[w], w))
        candidates = dict.fromkeys(same_words.get(words, ()) if words else ())
        for w in rare[:RARE_STEMS]:
            candidates.update(dict.fromkeys(by_stem[w]))
        if m_kind == "thesis":
            candidates.update(dict.fromkeys(s_theses))
        for s in candidates:
            s_kind = student.kind(s)
            if (m_kind == "thesis") != (s_kind == "thesis"):
                continue
            shared = sum(idf[w] for w in words & s_stems[s])
            denominator = m_weight + s_weight[s]
            text = 2 * shared / denominator if denominator else 0.0
            score = 0.5 + 0.5 * text if m_kind == "thesis" else text * kind_factor(m_kind, s_kind)
            out[m, s] = round(score, 3)
    return out


def match(model: ArgumentMap, student: ArgumentMap,
          threshold: float = THRESHOLD) -> list[tuple[str, str, float]]:
    """The one-to-one pairing of statements scoring at least ``threshold`` with the largest total
    score, in model order.

    Each group of statements competing for each other (a connected component of the candidate
    pairs) is solved exactly with networkx's ``max_weight_matching`` when it has at most
    ``EXACT_LIMIT`` statements (every classroom map), else greedily, best score first (ties by
    file order), which keeps a large map's comparison near-linear.
    """
    import networkx as nx

    m_order = {n: i for i, n in enumerate(model)}
    s_order = {n: i for i, n in enumerate(student)}
    graph: nx.Graph[_Side] = nx.Graph()
    for (m, s), score in sorted(scores(model, student).items(),
                                key=lambda item: (m_order[item[0][0]], s_order[item[0][1]])):
        if score >= threshold:
            # equal scores: the statement at the nearer relative place in its map wins
            place = abs(m_order[m] / len(m_order) - s_order[s] / len(s_order))
            graph.add_edge(("m", m), ("s", s), weight=score - TIE_BREAK * place, score=score)
    pairs = []
    for component in nx.connected_components(graph):
        sub = graph.subgraph(component)
        chosen: Iterable[tuple[_Side, _Side]]
        if len(component) <= EXACT_LIMIT:
            chosen = nx.max_weight_matching(sub)
        else:
            chosen = _greedy(sub, m_order, s_order)
        for a, b in chosen:
            (_, m), (_, s) = (a, b) if a[0] == "m" else (b, a)
            pairs.append((m, s, graph.edges[a, b]["score"]))
    return sorted(pairs, key=lambda p: m_order[p[0]])


def _greedy(graph: nx.Graph[_Side], m_order: dict[str, int],
            s_order: dict[str, int]) -> list[tuple[_Side, _Side]]:
    def key(edge: tuple[_Side, _Side, dict[str, Any]]) -> tuple[float, int, int]:
        a, b, d = edge
        (_, m), (_, s) = (a, b) if a[0] == "m" else (b, a)
        return (-d["weight"], m_order[m], s_order[s])

    used: set[_Side] = set()
    out = []
    for a, b, _ in sorted(graph.edges(data=True), key=key):
        if a not in used and b not in used:
            used.update((a, b))
            out.append((a, b))
    return out


def _targets(amap: ArgumentMap, node: str) -> list[str]:
    """What ``node`` argues about, supports first, in file order."""
    succ = amap.graph._succ[node]
    return sorted(succ, key=lambda t: succ[t]["relation"] != SUPPORTS)


def compare(model: ArgumentMap, student: ArgumentMap, threshold: float = THRESHOLD) -> Comparison:
    """Match ``student``'s statements to ``model``'s and say what is missing, extra and moved."""
    pairs = match(model, student, threshold)
    to_student = {m: s for m, s, _ in pairs}
    to_model = {s: m for m, s, _ in pairs}
    matched = [{"model": m, "student": s, "score": score} for m, s, score in pairs]
    moved = []
    kind_changed = []
    for m, s, _ in pairs:
        if model.kind(m) != student.kind(s):
            kind_changed.append({"model": m, "student": s, "model_kind": model.kind(m),
                                 "student_kind": student.kind(s)})
        m_targets = _targets(model, m)
        s_targets = _targets(student, s)
        if not m_targets:
            continue
        wanted = [to_student.get(t) for t in m_targets]
        if any(t in wanted for t in s_targets):
            continue
        moved.append({"model": m, "student": s, "model_target": m_targets[0],
                      "student_target": s_targets[0] if s_targets else None})
    covered = [n for n in model.nodes_of(*COVERED_KINDS)]
    coverage = (round(sum(n in to_student for n in covered) / len(covered), 3) if covered else None)
    return Comparison(
        model=model, student=student, matched=matched,
        missing=[n for n in model if n not in to_student],
        extra=[n for n in student if n not in to_model],
        moved=moved, kind_changed=kind_changed, coverage=coverage,
    )


# -- reports --------------------------------------------------------------------------------------
def _name(amap: ArgumentMap, node: str) -> str:
    return f"{amap.kind_name(amap.kind(node)).lower()} '{amap.label(node)}'"


def _bullets(lines: Iterable[str]) -> list[str]:
    return [f"- {line}" for line in lines]


def format_text(result: Comparison) -> str:
    """Feedback a teacher can paste: plain sentences naming statements by their labels."""
    model, student = result.model, result.student
    pairs = result.pairs
    out = []
    title = model.title or "the model map"
    covered = model.nodes_of(*COVERED_KINDS)
    if result.coverage is not None:
        have = sum(n in pairs for n in covered)
        out.append(f"Compared with the model map ({title}): your map has {have} of the "
                   f"{len(covered)} reasons and pieces of evidence ({round(100 * result.coverage)}%).")
    else:
        out.append(f"Compared with the model map ({title}).")
    if result.missing:
        out += ["", "Missing from your map:"]
        out += _missing_tree(model, result.missing)
    if result.extra:
        out += ["", "In your map but not in the model (check they answer the question):"]
        out += _bullets(_capital(_name(student, n)) for n in result.extra)
    if result.moved:
        out += ["", "Attached somewhere else than in the model:"]
        for mv in result.moved:
            where = (f"under {_name(student, mv['student_target'])}" if mv["student_target"]
                     else "attached to nothing")
            target = mv["model_target"]
            should = _name(student, pairs[target]) if target in pairs else _name(model, target)
            out.append(f"- {_capital(_name(student, mv['student']))} is {where}; "
                       f"in the model it belongs to {should}.")
    if result.kind_changed:
        out += ["", "A different kind of statement than in the model:"]
        for kc in result.kind_changed:
            out.append(f"- '{student.label(kc['student'])}' is marked as {kc['student_kind']} in your "
                       f"map and as {kc['model_kind']} in the model.")
    if not (result.missing or result.extra or result.moved or result.kind_changed):
        out += ["", "Every statement of the model is in your map, in the same place."]
    return "\n".join(out) + "\n"


def _missing_tree(model: ArgumentMap, missing: list[str]) -> list[str]:
    """Missing statements as bullets, each under the missing statement it argues about (so a
    missing reason comes with its evidence)."""
    absent = set(missing)
    under: dict[str | None, list[str]] = defaultdict(list)
    for n in missing:
        parent = next((t for t in _targets(model, n) if t in absent), None)
        under[parent].append(n)
    lines: list[str] = []
    stack = [(n, 0) for n in reversed(under[None])]
    placed: set[str] = set()
    while stack:
        node, depth = stack.pop()
        if node in placed:
            continue
        placed.add(node)
        lines.append(f"{'  ' * depth}- {_capital(_name(model, node))}")
        stack.extend((c, depth + 1) for c in reversed(under[node]))
    # statements only missing in a cycle of missing statements
    lines += [f"- {_capital(_name(model, n))}" for n in missing if n not in placed]
    return lines


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def format_json(result: Comparison) -> str:
    import json

    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"


# -- the page -------------------------------------------------------------------------------------
def outline_rows(amap: ArgumentMap) -> list[tuple[str, int]]:
    """Every statement once, as ``(id, depth)`` in reading order: each conclusion followed by
    what argues about it (file order), a statement reached twice shown under its first place."""
    pred = amap.graph._pred
    succ = amap.graph._succ
    order = {n: i for i, n in enumerate(amap)}
    seen: set[str] = set()
    out: list[tuple[str, int]] = []
    roots = [n for n in amap if not succ[n]] + list(amap)  # then anything only in a cycle
    for root in roots:
        if root in seen:
            continue
        stack = [(root, 0)]
        while stack:
            node, depth = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            out.append((node, depth))
            children = sorted((c for c in pred[node] if c not in seen), key=order.__getitem__)
            stack.extend((c, depth + 1) for c in reversed(children))
    return out


def page_items(result: Comparison) -> dict[str, Any]:
    """What the page lists and draws, as plain values for the template (escaped there)."""
    model, student = result.model, result.student
    to_student = result.pairs
    to_model = {s: m for m, s in to_student.items()}
    moved_m = {mv["model"]: mv for mv in result.moved}
    changed_m = {kc["model"] for kc in result.kind_changed}

    def where(amap: ArgumentMap, node: str, other: dict[str, str]) -> str:
        """The counterpart of what ``node`` argues about: where its missing partner belongs."""
        for t in _targets(amap, node):
            if t in other:
                return other[t]
        return ""

    def status(side: str, node: str) -> str:
        m = node if side == "model" else to_model.get(node)
        if m is None:
            return "missing" if side == "model" else "extra"
        if m in moved_m:
            return "moved"
        return "kind-changed" if m in changed_m else "matched"

    def row(amap: ArgumentMap, side: str, node: str, depth: int) -> dict[str, Any]:
        other = to_student if side == "model" else to_model
        st = status(side, node)
        pair = other.get(node, "")
        if st in ("missing", "extra"):
            target = where(amap, node, other)
        elif st == "moved":
            mv = moved_m[node if side == "model" else to_model[node]]
            target = (to_student.get(mv["model_target"], "") if side == "model"
                      else mv["model_target"])
        else:
            target = ""
        return {"id": node, "depth": depth, "kind": amap.kind(node),
                "kind_name": amap.kind_name(amap.kind(node)), "label": amap.label(node),
                "text": amap.node(node)["text"], "status": st, "pair": pair, "where": target}

    return {
        "model": [row(model, "model", n, d) for n, d in outline_rows(model)],
        "student": [row(student, "student", n, d) for n, d in outline_rows(student)],
        "missing": [{"id": n, "label": model.label(n), "kind": model.kind_name(model.kind(n)),
                     "where": where(model, n, to_student)} for n in result.missing],
        "extra": [{"id": n, "label": student.label(n), "kind": student.kind_name(student.kind(n)),
                   "where": where(student, n, to_model)} for n in result.extra],
        "moved": [{"id": mv["student"], "label": student.label(mv["student"]),
                   "pair": mv["model"], "model_target": model.label(mv["model_target"]),
                   "student_target": (student.label(mv["student_target"])
                                      if mv["student_target"] else None),
                   "where": mv["model_target"]} for mv in result.moved],
        "kind_changed": [{"id": kc["student"], "label": student.label(kc["student"]),
                          "pair": kc["model"], "model_kind": kc["model_kind"],
                          "student_kind": kc["student_kind"]} for kc in result.kind_changed],
    }


def compare_html(result: Comparison) -> str:
    """The side-by-side page: self-contained, offline, every text escaped by the template."""
    from importlib import resources

    import jinja2

    page = resources.files("argmap") / "page"
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True)
    template = env.from_string((page / "compare.html.j2").read_text(encoding="utf-8"))
    script = (page / "compare.js").read_text(encoding="utf-8").replace("</", "<\\/")
    covered = result.model.nodes_of(*COVERED_KINDS)
    return template.render(
        title=f"Compared with the model: {result.student.title or 'student map'}",
        model_title=result.model.title or result.model.path,
        student_title=result.student.title or result.student.path,
        model_path=result.model.path, student_path=result.student.path,
        coverage=result.coverage, have=sum(n in result.pairs for n in covered), of=len(covered),
        script=script, **page_items(result))
