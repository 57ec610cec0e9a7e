"""Findings about an argument's shape, with stable codes (AM2xx), shared by the CLI and the page.

A check is a function ``(amap) -> Iterable[Diagnostic]`` registered in ``CHECKS`` under its code;
``docs/checks.md`` documents every code. Checks only say what is literally true of the map (a
missing link, a missing source, a hedge the map itself records), never guess at the history, so a
finding is something a student can act on.

Every check is linear (or ``k`` times linear) in the map's size: "what rests on which evidence"
comes from one pass over the support graph (``evidence.sources_beneath``) or one multi-source walk
(``evidence.reaching``, where the order matters), not one walk per statement, and duplicate texts
are found by bucketing, not by comparing every pair.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from itertools import chain

import networkx as nx

from .analysis import SUPPORTS, shared, sharing_analyses, support_cycles
from .errors import Diagnostic
from .evidence import ROW_KINDS, hedged, reaching, sources_beneath
from .model import ArgumentMap

Check = Callable[[ArgumentMap], Iterable[Diagnostic]]


def finding(amap: ArgumentMap, node: str, code: str, message: str, hint: str) -> Diagnostic:
    """A warning at ``node``'s definition; ``message`` is a plain sentence (a full stop is added)."""
    loc = amap.location(node)
    if not message.endswith((".", "?", "!")):
        message += "."
    return Diagnostic(loc.path, loc.line, loc.column, code, message, hint, "warning", node)


def _name(amap: ArgumentMap, node: str) -> str:
    """``Motive 'Remove rivals'``: the map's own word for the kind, and the short title, to start a
    sentence with."""
    return f"{amap.kind_name(amap.kind(node))} '{amap.label(node)}'"


def _quoted(amap: ArgumentMap, nodes: Iterable[str], limit: int = 3) -> str:
    nodes = list(nodes)
    shown = ", ".join(f"'{amap.label(n)}'" for n in nodes[:limit])
    return shown + (f" and {len(nodes) - limit} more" if len(nodes) > limit else "")


# -- AM201 ------------------------------------------------------------------------------------------
def circular_support(amap: ArgumentMap) -> Iterable[Diagnostic]:
    for cycle in support_cycles(amap):
        path = " -> ".join(cycle + [cycle[0]])
        yield finding(
            amap,
            cycle[0],
            "AM201",
            f"{_name(amap, cycle[0])} ends up supporting itself (circular support: {path})",
            "a statement cannot (even indirectly) be a reason for itself: remove one 'supports' link",
        )


# -- AM202 / AM203 ----------------------------------------------------------------------------------
def _evidence_beneath(amap: ArgumentMap) -> dict[str, frozenset[str]]:
    """The evidence each statement rests on when there is at most one piece, more than one of
    them otherwise (AM202 and AM209 ask the same question: worked out once when the checks run
    together)."""
    return shared(amap.graph, "evidence beneath, k=1",
                  lambda: sources_beneath(amap, amap.nodes_of("evidence"), 1))


def no_evidence(amap: ArgumentMap) -> Iterable[Diagnostic]:
    found = _evidence_beneath(amap)
    for node in amap.nodes_of(*ROW_KINDS):
        if node not in found:
            yield finding(amap, node, "AM202", f"{_name(amap, node)} has no evidence beneath it",
                          "add evidence (a fact, figure, example or quotation) that supports it, "
                          "or present it as speculation")


def hedged_only(amap: ArgumentMap) -> Iterable[Diagnostic]:
    graph = amap.graph
    evidence = amap.nodes_of("evidence")
    nodes = graph._node
    firm = sources_beneath(amap, [e for e in evidence if not hedged(nodes[e].get("confidence"))], 0)
    # a statement with no firm evidence beneath it rests on no statement that has some (that
    # evidence would be beneath it too): hedged evidence is traced only where firm evidence is not
    shaky = reaching(amap, [e for e in evidence if hedged(nodes[e].get("confidence"))], 3, firm)
    for node in amap.nodes_of(*ROW_KINDS):
        if node in shaky and node not in firm:
            detail = ", ".join(f"'{amap.label(e)}' ({graph.nodes[e]['confidence']})" for e in shaky[node])
            yield finding(amap, node, "AM203",
                          f"{_name(amap, node)} rests only on hedged evidence: {detail}",
                          "find firmer evidence (certain or likely), or present it as a possibility")


# -- AM204 / AM205 / AM214: sources -----------------------------------------------------------------
_NUMBER_WORDS = (
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|"
    r"thousands?|millions?|billions?|dozens?|half|quarter|percent|per\s+cent"
)
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
           "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
# years (1000-2199, 1930s) and day-of-month dates are not figures anyone needs a source for
_NOT_A_FIGURE = re.compile(
    rf"\b(1\d{{3}}|20\d{{2}}|21\d{{2}})s?\b|\b\d{{1,2}}(st|nd|rd|th)?\s+({_MONTHS})\b|"
    rf"\b({_MONTHS})\s+\d{{1,2}}(st|nd|rd|th)?\b", re.IGNORECASE)
_FIGURE = re.compile(r"\d|%|\b(" + _NUMBER_WORDS + r")\b", re.IGNORECASE)


_DIGIT = re.compile(r"\d")
# a number word can only match where its lower-case spelling occurs; for ASCII text (where
# IGNORECASE folds nothing but A-Z) plain substring tests rule most statements out without the
# slow case-insensitive alternation ("per cent" needs "cent")
_WORDS = {w.replace("s?", "").replace(r"per\s+cent", "cent") for w in _NUMBER_WORDS.split("|")}
_FIGURE_WORDS = tuple(sorted(w for w in _WORDS if not any(o != w and o in w for o in _WORDS)))


def is_figure(text: str) -> bool:
    """Does the statement give a number (a count, amount or share) rather than only a date?"""
    if _DIGIT.search(text):  # every date pattern has a digit: without one there is none to remove
        return bool(_FIGURE.search(_NOT_A_FIGURE.sub(" ", text)))
    if text.isascii() and "%" not in text:
        low = text.lower()
        if not any(w in low for w in _FIGURE_WORDS):
            return False
    return bool(_FIGURE.search(text))


def _unsourced(amap: ArgumentMap) -> Iterable[tuple[str, bool]]:
    for node in amap.nodes_of("evidence"):
        data = amap.node(node)
        if not (data.get("source") or "").strip() and not _placeholder(amap, node):
            yield node, is_figure(data["text"])


def unsourced_figure(amap: ArgumentMap) -> Iterable[Diagnostic]:
    for node, figure in _unsourced(amap):
        if figure:
            yield finding(amap, node, "AM204", f"Statistic '{amap.label(node)}' has no source",
                          "a figure needs a source: add source: with who counted it, where and when")


def unsourced_evidence(amap: ArgumentMap) -> Iterable[Diagnostic]:
    for node, figure in _unsourced(amap):
        if not figure:
            doubt = hedged(amap.node(node).get("confidence"))
            yield finding(
                amap, node, "AM205", f"{_name(amap, node)} has no source",
                "uncertain evidence most of all needs a source: say who claims it (source:)" if doubt
                else "add source: (author, book or website, date) so a reader can check it")


# A source is vague when it names no author, organisation, title or year (docs/checks.md, "Vague
# sources"): it has no year, no quoted title, no word naming a kind of organisation (council,
# ministry, museum, ...), and no capitalised word or acronym other than the generic words below
# (which students capitalise at the start of a source without naming anyone).
_YEAR = re.compile(r"\b(1\d{3}|20\d{2})s?\b")
_QUOTED_TITLE = re.compile(r"[\"“”«»*_]")
_SOURCE_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_GENERIC_SOURCE_WORDS_TEXT = """
a an the some many several various most numerous other others unnamed anonymous unknown my our
his her their this that these those i we according to of in on about from by and with as teacher
teachers survey surveys review reviews research researchers study studies classroom website
websites web site internet online writer writers author authors historian historians expert
experts scientist scientists scholar scholars critic critics people person source sources report
reports article articles book books textbook textbooks newspaper newspapers magazine magazines
journal journals blog blogs video videos documentary documentaries interview interviews film
films news radio tv television podcast school schools parent parents student students pupil
pupils government statistics figures data facts google wikipedia youtube facebook tiktok twitter
instagram social media photo photograph picture class notes lesson lecture quote quotation essay
"""
GENERIC_SOURCE_WORDS = frozenset(_GENERIC_SOURCE_WORDS_TEXT.split())
#: lower-case words that name an organisation well enough to ask it ("student council survey")
_ORGANISATION_WORDS_TEXT = """
council department ministry university college museum committee institute commission parliament
court agency association society union census
"""
ORGANISATION_WORDS = frozenset(_ORGANISATION_WORDS_TEXT.split())


def is_vague_source(source: str) -> bool:
    """Does ``source`` name no author, organisation, title or year (the rule in docs/checks.md)?"""
    if not source.strip() or _YEAR.search(source) or _QUOTED_TITLE.search(source):
        return False
    for word in _SOURCE_WORD.findall(source):
        if word.lower() in ORGANISATION_WORDS:
            return False
        word = word.strip("'’-")
        for suffix in ("'s", "’s"):
            word = word.removesuffix(suffix)
        if word[:1].isupper() and word.lower() not in GENERIC_SOURCE_WORDS:
            return False  # a name (Conquest, Ofsted) or an acronym (BBC, NSPCC)
    return True


def vague_source(amap: ArgumentMap) -> Iterable[Diagnostic]:
    for node in amap.nodes_of("evidence"):
        source = amap.node(node).get("source") or ""
        if is_vague_source(source) and not _placeholder(amap, node):
            yield finding(amap, node, "AM214",
                          f"{_name(amap, node)} has a vague source: '{source.strip()}' names no "
                          "author, organisation, title or year",
                          "name who wrote or published it and when (e.g. author, title, year) "
                          "so a reader can find it")


# -- AM206 / AM207: statements cut off from the thesis ----------------------------------------------
def orphans(amap: ArgumentMap) -> Iterable[Diagnostic]:
    if not amap.nodes_of("thesis"):
        return
    graph = amap.graph
    nodes = graph._node
    for node, nbrs in graph._succ.items():
        if not nbrs and nodes[node]["kind"] != "thesis":
            verb = "attacks" if nodes[node]["kind"] in ("objection", "rebuttal") else "supports"
            yield finding(amap, node, "AM206", f"{_name(amap, node)} {verb} nothing",
                          f"connect it ({verb}: ID) to the statement it is about, or delete it")


def unreachable(amap: ArgumentMap) -> Iterable[Diagnostic]:
    """Groups of statements that argue only about each other (a loop with no way out to the thesis).

    Chains that end in an orphan are already reported there (AM206), so only what is left is
    reported: once per group, at its first statement.
    """
    theses = amap.nodes_of("thesis")
    if not theses:
        return
    graph = amap.graph
    from .analysis import reachable_from

    connected = reachable_from(amap, theses)
    ends = [n for n, nbrs in graph._succ.items() if not nbrs and n not in connected]
    covered = reachable_from(amap, ends) if ends else set()
    left = [n for n in graph if n not in connected and n not in covered]
    if not left:
        return
    order = {n: i for i, n in enumerate(graph)}
    for group in nx.weakly_connected_components(graph.subgraph(left)):
        first = min(group, key=order.__getitem__)
        others = len(group) - 1
        yield finding(amap, first, "AM207",
                      f"{_name(amap, first)}"
                      + (f" and {others} statement{'s' * (others != 1)} linked to it" if others else "")
                      + " do not lead to the thesis",
                      "link this group to the thesis (or a reason) with supports:, or delete it")


# -- AM208: objections ------------------------------------------------------------------------------
def unanswered(amap: ArgumentMap) -> Iterable[Diagnostic]:
    pred, succ = amap.graph._pred, amap.graph._succ
    for node in amap.nodes_of("objection"):
        if not any(d["relation"] != SUPPORTS for d in pred[node].values()):
            targets = list(succ[node])
            about = f" (against {_quoted(amap, targets)})" if targets else ""
            yield finding(amap, node, "AM208", f"{_name(amap, node)} has no rebuttal{about}",
                          f"answer it with a rebuttal (attacks: {node}), or concede the point in the essay")


# -- AM209: single point of failure -----------------------------------------------------------------
def single_point(amap: ArgumentMap) -> Iterable[Diagnostic]:
    found = _evidence_beneath(amap)
    sole: dict[str, list[str]] = defaultdict(list)
    for node in amap.nodes_of("reason"):
        if len(found.get(node, ())) == 1:
            (only,) = found[node]
            sole[only].append(node)
    for ev in amap.nodes_of("evidence"):
        dependants = sole.get(ev, [])
        if len(dependants) >= 2:
            word = amap.kind_name("reason", plural=True).lower()
            yield finding(amap, ev, "AM209",
                          f"{_name(amap, ev)} is the only evidence for {len(dependants)} {word}: "
                          f"{_quoted(amap, dependants)}",
                          "if this one piece of evidence falls, all of them fall: "
                          "find independent evidence for each")


# -- AM210: thesis with too few reasons -------------------------------------------------------------
def few_reasons(amap: ArgumentMap) -> Iterable[Diagnostic]:
    pred = amap.graph._pred
    word = amap.kind_name("reason", plural=True).lower()
    for node in amap.nodes_of("thesis"):
        count = sum(d["relation"] == SUPPORTS for d in pred[node].values())
        if count < 2:
            have = "no" if count == 0 else "only one"
            one = amap.kind_name("reason").lower() if count == 1 else word
            yield finding(amap, node, "AM210", f"{_name(amap, node)} has {have} {one}",
                          f"an essay needs at least two {word} for its thesis, a paragraph each")


# -- AM211: duplicates ------------------------------------------------------------------------------
_STOP = frozenset((
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with", "from",
    "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these",
    "those", "he", "she", "they", "them", "his", "her", "their", "him", "who", "whom", "which", "what",
    "so", "not", "no",
))
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
BUCKET_CAP = 64  # candidate buckets larger than this are skipped (common words, not duplicates)
NEAR_JACCARD = 0.7
NEAR_RATIO = 0.85


# for ASCII text, ``_TOKEN`` words are the runs of [a-z0-9] after lower-casing (= casefold)
_ASCII_GAPS = str.maketrans({i: " " for i in range(128) if not chr(i).isalnum()})


def _content_words(text: str) -> tuple[str, ...]:
    """The distinct content words, sorted and interned (100 000 statements share one vocabulary:
    a set of fresh strings per statement would take a quarter of a gigabyte)."""
    ascii_ = text.isascii()
    words = text.lower().translate(_ASCII_GAPS).split() if ascii_ else _TOKEN.findall(text.casefold())
    return tuple(sorted(frozenset(map(sys.intern, words)).difference(_STOP)))


def duplicates(amap: ArgumentMap) -> Iterable[Diagnostic]:
    """Statements with the same words (in any order, any case or punctuation), or nearly so.

    Exact: one dictionary keyed by the set of content words. Near: each statement goes into the
    buckets of its two rarest words; only pairs sharing a (small) bucket are compared, by word
    overlap (Jaccard) and then ``difflib`` on the normalised text. Linear in the map's text.
    """
    graph = amap.graph
    texts = graph._node
    words: dict[str, tuple[str, ...]] = {}  # the set of content words, as a sorted tuple
    for node, data in texts.items():
        if _placeholder(amap, node):
            continue
        words[node] = _content_words(data["text"])
    first_with: dict[tuple[str, ...], str] = {}
    twin_of: dict[str, str] = {}
    for node, ws in words.items():
        if len(ws) < 2:
            continue
        first = first_with.setdefault(ws, node)
        if first is not node:
            twin_of[node] = first
    df = Counter(chain.from_iterable(map(words.__getitem__, first_with.values())))
    # rarest first, ties by the word: one rank per word instead of a (df, word) key per lookup
    rank = {w: i for i, w in enumerate(sorted(df, key=lambda w: (df[w], w)))}
    by_rank = rank.__getitem__
    buckets: dict[str, list[str]] = defaultdict(list)
    for node in first_with.values():
        ws = words[node]
        if len(ws) >= 3:
            for w in sorted(ws, key=by_rank)[:2]:
                buckets[w].append(node)
    norm: dict[str, str] = {}

    def normalised(n: str) -> str:
        if n not in norm:
            norm[n] = " ".join(_TOKEN.findall(texts[n]["text"].casefold()))
        return norm[n]

    order = {n: i for i, n in enumerate(graph)}
    near_of: dict[str, str] = {}
    for members in buckets.values():
        if len(members) < 2 or len(members) > BUCKET_CAP:
            continue
        sets = [frozenset(words[m]) for m in members]
        for i, a in enumerate(members):
            wa = sets[i]
            for j in range(i + 1, len(members)):
                b = members[j]
                first, later = (a, b) if order[a] < order[b] else (b, a)
                if later in near_of and order[near_of[later]] <= order[first]:
                    continue
                wb = sets[j]
                if len(wa & wb) / len(wa | wb) < NEAR_JACCARD:
                    continue
                if difflib.SequenceMatcher(None, normalised(a), normalised(b),
                                           autojunk=False).ratio() >= NEAR_RATIO:
                    near_of[later] = first
    for node in graph:
        if node in twin_of:
            other, how = twin_of[node], "repeats"
        elif node in near_of:
            other, how = near_of[node], "nearly repeats"
        else:
            continue
        line = amap.location(other).line
        other_kind = amap.kind_name(amap.kind(other)).lower()
        yield finding(amap, node, "AM211",
                      f"{_name(amap, node)} {how} {other_kind} '{other}' (line {line})",
                      "say it once: keep one of them and point the other's links at it")


# -- AM212 / AM213 ----------------------------------------------------------------------------------
def quotes_without_essay(amap: ArgumentMap) -> Iterable[Diagnostic]:
    if amap.essay is not None or amap.essay_path is not None:
        return
    quoted = [n for n, q in amap.graph.nodes(data="quote") if q]
    if quoted:
        many = len(quoted) != 1
        yield finding(amap, quoted[0], "AM212",
                      f"{_name(amap, quoted[0])}"
                      + (f" and {len(quoted) - 1} other statement{'s' * (len(quoted) > 2)}" if many else "")
                      + f" quote{'s' * (not many)} the essay, but the map names no essay",
                      "add 'essay: FILE' at the top of the map so every quote is checked against it")


_TODO = re.compile(r"\b(TODO|FIXME)\b")


def _todo(text: str) -> bool:
    return ("TODO" in text or "FIXME" in text) and _TODO.search(text) is not None


def _placeholder(amap: ArgumentMap, node: str) -> bool:
    data = amap.graph._node[node]
    return _todo(data["text"]) or _todo(data.get("label") or "") or _todo(data.get("source") or "")


def placeholders(amap: ArgumentMap) -> Iterable[Diagnostic]:
    for node in amap.graph:
        if _placeholder(amap, node):
            yield finding(amap, node, "AM213", f"{_name(amap, node)} is still a placeholder",
                          "replace each TODO with your own words (and a source for evidence)")


#: code -> (title, check); titles are the rows of docs/checks.md
CHECKS: dict[str, tuple[str, Check]] = {
    "AM201": ("circular support", circular_support),
    "AM202": ("reason or claim with no evidence beneath it", no_evidence),
    "AM203": ("reason or claim resting only on hedged evidence", hedged_only),
    "AM204": ("statistic without a source", unsourced_figure),
    "AM205": ("evidence without a source", unsourced_evidence),
    "AM206": ("statement that supports or attacks nothing (orphan)", orphans),
    "AM207": ("statements that do not lead to the thesis", unreachable),
    "AM208": ("objection with no rebuttal", unanswered),
    "AM209": ("single point of failure: one piece of evidence carrying several reasons", single_point),
    "AM210": ("thesis with fewer than two reasons", few_reasons),
    "AM211": ("duplicate or near-duplicate statement", duplicates),
    "AM212": ("quotes but no essay to check them against", quotes_without_essay),
    "AM213": ("placeholder still to be filled in", placeholders),
    "AM214": ("vague source that names no one", vague_source),
}


#: How much a finding hurts the argument, most first, and the short word the page shows for it.
#: Errors (a map that cannot be read) come before everything, at rank 0; codes not listed here
#: (reader warnings, AM201, AM206, ...) come after the ranked ones, at ``OTHER_RANK``.
HARM: dict[str, tuple[int, str]] = {
    "AM202": (1, "no evidence"),
    "AM203": (2, "hedged only"),
    "AM208": (3, "unanswered"),
    "AM204": (4, "unsourced figure"),
    "AM214": (5, "vague source"),
    "AM205": (6, "no source"),
}
OTHER_RANK = 7
#: the short words of the findings after the ranked ones
BADGES: dict[str, str] = {
    "AM201": "circular", "AM206": "not linked", "AM207": "cut off", "AM209": "single support",
    "AM210": "few reasons", "AM211": "duplicate", "AM212": "no essay", "AM213": "placeholder",
}


def rank(d: Diagnostic) -> int:
    """0 for errors, then 1 (a reason with no evidence) to ``OTHER_RANK`` (everything else)."""
    if d.severity == "error":
        return 0
    return HARM.get(d.code, (OTHER_RANK, ""))[0]


def badge(d: Diagnostic) -> str:
    """A word or two for the finding (``no evidence``, ``vague source``), for badges and lists."""
    if d.severity == "error":
        return "error"
    return HARM[d.code][1] if d.code in HARM else BADGES.get(d.code, "warning")


def by_harm(diagnostics: Iterable[Diagnostic], amap: ArgumentMap | None = None) -> list[Diagnostic]:
    """``diagnostics`` most harmful first (``rank``); within a rank in map order: by file position,
    then (for maps built in code, which have none) by the statement's place in the map."""
    order = {n: i for i, n in enumerate(amap.graph)} if amap is not None else {}
    return sorted(diagnostics, key=lambda d: (rank(d), d.path, d.line, d.column,
                                              order.get(d.node, -1) if d.node else -1,
                                              d.code, d.message))


def as_dict(d: Diagnostic) -> dict[str, object]:
    """``Diagnostic.to_dict`` plus its ``rank`` and ``badge`` (``argmap check --format json``)."""
    return {**d.to_dict(), "rank": rank(d), "badge": badge(d)}


def run_checks(amap: ArgumentMap) -> list[Diagnostic]:
    """All findings, most harmful first (``by_harm``)."""
    out: list[Diagnostic] = []
    with sharing_analyses():  # AM201, AM202, AM203 and AM209 all walk the support order
        for _title, check in CHECKS.values():
            out.extend(check(amap))
    return by_harm(out, amap)


def as_configured(amap: ArgumentMap, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """``diagnostics`` as the map's own ``check: {select, ignore}`` settings choose them."""
    return filter_codes(diagnostics, amap.check_config.get("select"), amap.check_config.get("ignore"))


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
        selected = sel is None or d.code.startswith(sel)
        if d.severity == "error" or selected and not (ign and d.code.startswith(ign)):
            out.append(d)
    return out
