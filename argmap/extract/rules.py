"""The rule-based reading of an essay: cues -> roles -> links, every decision explainable.

Each unit gets a list of *cues* (the words or positions that decided its role), so a student can see
why the draft says what it says and correct it. The rules, in the order they are applied:

1. **Thesis**: the unit with the best score from stance words ("should", "must", "I think",
   "in my opinion", "this essay argues"), conclusion markers ("therefore", "that's why") and
   position (first unit of the first body paragraph, last unit of the essay); units that carry
   the cues of another role are penalised.
2. **Roles** of the other units, first cue wins: concession openers and "some people say" make an
   *objection*; a contrast marker ("but", "however") after an objection (or after an unmarked unit,
   which it turns into an objection) makes a *rebuttal*; reason markers ("foremost", "another
   reason", "moreover") make a *reason*; a causal connective inside a sentence ("..., because ...")
   supports the clause before it; evidence cues (examples, numbers, dates, named people and places,
   reported speech) make *evidence*. Unmarked units are context in the introduction and conclusion
   of a long essay, evidence after a reason in a body paragraph, and reasons otherwise.
3. **Links**: reasons support the thesis; evidence supports the reason with the best score from
   lexical overlap (rare shared word stems), same paragraph and being the nearest preceding reason;
   objections attack the thesis (or the reason of their body paragraph); rebuttals attack the
   nearest preceding objection.
4. **Confidence** from hedges: "could", "possibly", "it is suggested" -> possible, "probably" ->
   likely, "doubtful", "unlikely" -> doubtful, otherwise certain.

Only English cue words are known; in other languages the rules fall back to position alone.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from ..model import Confidence
from .segment import Unit

ROLES: tuple[str, ...] = ("thesis", "reason", "evidence", "objection", "rebuttal", "other")
SUPPORTS = "supports"
ATTACKS = "attacks"

# -- cue lexicons (lower-case text; \b-anchored) -------------------------------------------------
_LEAD_STRIP = re.compile(r"[\s\"'“”‘’«»(\[\-–—:;,.]*")


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE | re.VERBOSE)


_REASON_LEAD = _rx(r"""(?:and\s+|but\s+)?(?:
    first(?:ly)?|second(?:ly)?|third(?:ly)?|fourth(?:ly)?|finally|lastly|also|moreover|furthermore|
    in\ addition|additionally|besides|plus|what\ is\ more|what's\ more|on\ top\ of\ (?:that|this)|
    another|not\ only|above\ all|foremost|more(?:over)?\ importantly|most\ importantly|equally|
    further(?:more)?|one\ (?:reason|cause)|the\ (?:main|chief|first|second|third|final|last)\ (?:reason|cause)
    )\b""")
_REASON_PHRASE = _rx(r"""\b(?:
    (?:another|a|the|one|other|final|further|main|first|second|third|last|chief|key|major|possible|
       important|additional)\s+(?:\w+\s+)?(?:reasons?|causes?|motives?|factors?)\b(?!\s+(?:why\s+)?(?:is|are)\s+not)|
    (?:his|her|their|its|our|my)\s+(?:\w+\s+)?(?:reasons?|motives?)\b|
    contribut\w*\ to|foremost|first\ and\ foremost
    )""")
_NOT_A_REASON = _rx(r"""\b(?:
    (?:number|variety|range|host|list)\ of\ (?:\w+\ )?(?:reasons|causes|motives|factors)|
    (?:several|many|various|numerous|these|those|multiple|different)\ (?:\w+\ )?
        (?:reasons|causes|motives|factors)\b
    )""")
_CAUSAL_LEAD = _rx(r"""(?:because|since|as|for|due\ to|given\ that|after\ all|seeing\ that)\b""")
_CONCLUSION_LEAD = _rx(r"""(?:and\s+)?(?:therefore|thus|hence|consequently|in\ conclusion|to\ conclude|
    to\ sum\ up|in\ sum|in\ short|all\ in\ all|overall|so|that's\ why|that\ is\ why|this\ is\ why|
    which\ is\ why|for\ (?:this|these|all\ these)\ reasons?)\b""")
_CONCLUSION_INNER = _rx(r"\b(?:therefore|thus|hence|consequently|that's\ why|that\ is\ why|this\ is\ why)\b")
_CONTRAST_LEAD = _rx(r"""(?:but|however|nevertheless|nonetheless|yet|still|even\ so|on\ the\ other\ hand|
    that\ said|then\ again|in\ contrast|on\ the\ contrary|instead|rather|whereas|admittedly\ though)\b""")
_CONTRAST_INNER = _rx(r"\b(?:however|nevertheless|nonetheless)\b")
_CONCESSION_LEAD = _rx(r"""(?:
    admittedly|of\ course|granted|it\ is\ true|it's\ true|true,|yes,|sure,|certainly,|obviously,|
    although|even\ though|though|while|whilst|even\ if|on\ the\ one\ hand|
    some\ (?:people\ |may\ |might\ |would\ )?(?:say|argue|claim|believe|think|object|feel)|
    many\ people\ (?:say|argue|claim|believe|think|feel)|critics|opponents|sceptics|skeptics|
    one\ (?:might|could|may)\ (?:argue|object|say|think)|
    it\ (?:could|might|may|can)\ be\ (?:argued|objected|said|claimed)|
    it\ is\ (?:often\ |sometimes\ |frequently\ )?(?:said|argued|claimed|objected)
    )""")
_CONCESSION_INNER = _rx(r"""\b(?:
    (?:one|an|another|a\ common|the\ main|a\ possible)\ (?:objection|counter-?argument|criticism)|
    (?:critics|opponents|sceptics|skeptics)\ (?:\w+\ )?(?:say|argue|claim|object|point\ out)|
    (?:is|are)\ often\ (?:said|claimed|argued)|
    (?:proponents|supporters|advocates)\ of\ [\w\s]{1,40}?\ (?:say|argue|claim)
    )""")
_EXAMPLE = _rx(r"""\b(?:for\ example|for\ instance|e\.g\.|such\ as|in\ particular|to\ illustrate|
    studies|study|survey|research|statistics|according\ to|per\ ?cent|percent|evidence|
    in\ fact|indeed|as\ a\ result|shows?\ that|showed\ that|found\ that|proves?)\b|%""")
_REPORTED = _rx(r"""\b(?:writers|historians|experts|scholars|researchers|authors|scientists|doctors|
    economists|studies|reports?|sources|witnesses)\s+(?:\w+\s+)?(?:suggest|argue|claim|say|said|believe|
    think|state|stated|report|reported|show|showed|found|estimate)""")
_CLOSING = "\"'”’»)] "
_NUMBER = re.compile(r"\d")
_YEAR = re.compile(r"\b(?:1[0-9]{3}|20[0-9]{2})s?\b")
_NAME = re.compile(r"(?<=[\w,;:] )[A-Z][a-z\u00e0-\u024f’']+")
_STANCE = _rx(r"""\b(?:should|must|ought\ to|need\ to|needs\ to|have\ to|has\ to|shouldn't|mustn't|
    cannot\ be\ (?:desired|accepted|justified)|(?:is|are|was|would\ be)\ (?:not\ )?(?:\w+\ )?(?:fair|unfair|
    right|wrong|good|bad|better|worse|best|desirable|necessary|essential|a\ mistake|justified|
    unjustifiable|unacceptable|sustainable|important|sensible|legitimate))\b""")
_OPINION = _rx(r"""\b(?:i\ (?:think|believe|argue|feel|find|am\ convinced|am\ not\ of\ the\ opinion|
    am\ of\ the\ opinion|would\ argue)|in\ my\ (?:opinion|view)|this\ essay\ (?:argues|will\ argue|
    shows|claims)|i\ am\ (?:for|against)|we\ (?:should|must|need))\b""")
_HEDGE_DOUBTFUL = _rx(r"\b(?:doubtful|unlikely|questionable|dubious|hardly|implausible)\b")
_HEDGE_POSSIBLE = _rx(r"""\b(?:could|might|may|possibl[ey]|perhaps|maybe|it\ is\ suggested|suggests?|
    suggested|allegedly|alleged|unproven|speculat\w*|presumably|conceivabl[ey])\b""")
_HEDGE_LIKELY = _rx(r"\b(?:probabl[ey]|likely|seems?|appears?|apparently|tends?\ to|usually|often)\b")

_STOP = _wordset("""
a about above after again against all also although am an and any are as at be because been before
being below between both but by can could did do does doing down during each even every few for from
further had has have having he her here hers him his how however i if in into is it its itself just
may me might more most much must my no nor not now of off on once one only or other our ours out over
own possible possibly perhaps probably rather reason reasons same she should so some such than that the
their them then there these they this those through thus to too under until up upon very was we were
what when where which while who whom why will with would yet you your another final first second
third also moreover therefore hence still suggested suggest there's it's that's within without
either neither whether though many much make makes made take takes took taken give gives gave given
put puts get gets got come came going goes went know knew known like well even ever never always often
every everyone everything anyone someone something nothing people thing things way ways time times
instead already able since upon onto among across toward towards despite provide provided
provides providing enable enabled enables allow allowed allows help helped helps lead leads led cause
caused causes become became becomes seem seemed seems need needed needs show showed shows shown
""")
_TOKEN = re.compile(r"[^\W\d_]{4,}")
_STEM = 5
_TOPIC_SHARE = 0.3  # a stem in more than this share of units is the topic, not a link


@dataclass
class Analysis:
    """An essay read into units, each with a role, a confidence and the cues behind them."""

    text: str
    units: list[Unit]
    roles: list[str]
    confidence: list[Confidence | None]
    cues: list[list[str]]
    #: ``(source unit, target unit, "supports" | "attacks")``, at most one per source
    links: list[tuple[int, int, str]] = field(default_factory=list)
    #: the heading line of the essay, if it has one (used as the map's title)
    heading: int | None = None
    method: str = "rules"

    def target_of(self, i: int) -> tuple[int, str] | None:
        for s, t, r in self.links:
            if s == i:
                return t, r
        return None


def _lead(unit_text: str) -> str:
    return unit_text[_LEAD_STRIP.match(unit_text).end():]  # type: ignore[union-attr]


def confidence_of(text: str) -> Confidence:
    """How sure the wording sounds: the weakest hedge found decides."""
    if _HEDGE_DOUBTFUL.search(text):
        return Confidence.DOUBTFUL
    if _HEDGE_POSSIBLE.search(text):
        return Confidence.POSSIBLE
    if _HEDGE_LIKELY.search(text):
        return Confidence.LIKELY
    return Confidence.CERTAIN


@dataclass
class _Features:
    lead: str
    reason: str | None = None
    causal: bool = False
    conclusion: bool = False
    contrast: bool = False
    concession: str | None = None
    evidence: list[str] = field(default_factory=list)
    stance: str | None = None
    announces: bool = False
    marked_evidence: bool = False  # an example or reported speech, not just a name or number
    conclusion_lead: bool = False
    opinion: bool = False  # "I think", "this essay argues": the writer states the position
    question: bool = False


def features(unit: Unit) -> _Features:
    """The cues found in one unit (a cheap pass over its text only)."""
    lead = _lead(unit.text)
    f = _Features(lead=lead)
    m = _REASON_LEAD.match(lead) or _REASON_PHRASE.search(unit.text)
    if not _REASON_LEAD.match(lead) and _NOT_A_REASON.search(unit.text):
        m = None
        f.announces = True  # "for a number of reasons" announces reasons, it is not one
    if m:
        f.reason = m.group(0).strip()
    f.causal = bool(_CAUSAL_LEAD.match(lead)) and not lead.lower().startswith(("as a result", "as well"))
    f.conclusion = bool(_CONCLUSION_LEAD.match(lead) or _CONCLUSION_INNER.search(unit.text))
    f.contrast = bool(_CONTRAST_LEAD.match(lead) or _CONTRAST_INNER.search(unit.text[:40]))
    m = _CONCESSION_LEAD.match(lead) or _CONCESSION_INNER.search(unit.text)
    if m:
        f.concession = m.group(0).strip()
    m = _EXAMPLE.search(unit.text)
    if m:
        f.evidence.append(f"'{m.group(0)}'")
    m = _REPORTED.search(unit.text)
    if m:
        f.evidence.append(f"reported speech '{m.group(0)}'")
    f.marked_evidence = bool(f.evidence)
    f.conclusion_lead = bool(_CONCLUSION_LEAD.match(lead))
    if _YEAR.search(unit.text):
        f.evidence.append("a date")
    elif _NUMBER.search(unit.text):
        f.evidence.append("a number")
    names = [n for n in _NAME.findall(unit.text) if n not in ("I", "I’m", "I'm")]
    if names:
        f.evidence.append("a name (" + ", ".join(dict.fromkeys(names[:3])) + ")")
    m = _OPINION.search(unit.text)
    f.opinion = bool(m)
    m = m or _STANCE.search(unit.text)
    if m:
        f.stance = m.group(0)
    f.question = unit.text.rstrip(_CLOSING).endswith("?")
    return f


def analyse(text: str, units: list[Unit], heading: int | None = None) -> Analysis:
    """Roles, links and confidence for ``units`` of ``text`` by the rules of this module."""
    n = len(units)
    feats = [features(u) for u in units]
    roles = ["other"] * n
    cues: list[list[str]] = [[] for _ in range(n)]
    body = [i for i in range(n) if i != heading]
    an = Analysis(text, units, roles, [None] * n, cues, heading=heading)
    if not body:
        return an
    n_paras = units[-1].paragraph + 1
    first_para = units[body[0]].paragraph
    last_para = units[-1].paragraph
    long_essay = n_paras - first_para >= 3

    thesis = _choose_thesis(units, feats, body, first_para, last_para)
    roles[thesis] = "thesis"
    cues[thesis].append(feats[thesis].stance and f"stance '{feats[thesis].stance}'" or "position")

    reasons_in_para: dict[int, list[int]] = {}
    for i in body:
        if i == thesis:
            continue
        u, f = units[i], feats[i]
        prev = i - 1 if i - 1 != heading and i > 0 and units[i - 1].paragraph == u.paragraph else None
        intro_or_end = long_essay and u.paragraph in (first_para, last_para)
        if f.concession:
            roles[i] = "objection"
            cues[i].append(f"concession '{f.concession}'")
        elif f.contrast and prev is not None:
            if roles[prev] in ("objection",) or (roles[prev] in ("reason", "evidence", "other")
                                                 and not feats[prev].reason and not feats[prev].causal
                                                 and not feats[prev].evidence):
                if roles[prev] != "objection":
                    roles[prev] = "objection"
                    cues[prev].append("answered by a contrast marker")
                roles[i] = "rebuttal"
                cues[i].append("contrast marker after an objection")
            else:
                roles[i] = "objection"
                cues[i].append("contrast marker")
        elif f.contrast:
            roles[i] = "objection"
            cues[i].append("contrast marker")
        elif f.announces:
            roles[i] = "other"
            cues[i].append("announces the reasons")
        elif f.reason:
            roles[i] = "reason"
            cues[i].append(f"reason marker '{f.reason}'")
        elif _continues(units, roles, i, prev, f, "reason"):
            roles[i] = "reason"
            cues[i].append("continues the reasons of its sentence")
        elif _continues(units, roles, i, prev, f, "objection"):
            roles[i] = "objection"
            cues[i].append("continues the objection of its sentence")
        elif f.causal and prev is not None and units[prev].sentence == u.sentence:
            roles[i] = "reason" if roles[prev] == "thesis" else "evidence"
            cues[i].append("causal connective")
        elif f.evidence and not (intro_or_end and _names_only(f)):
            roles[i] = "evidence"
            cues[i].append("evidence: " + ", ".join(f.evidence))
        elif f.conclusion:
            roles[i] = "reason"
            cues[i].append("conclusion marker")
        elif intro_or_end:
            roles[i] = "other"
            cues[i].append("introduction" if u.paragraph == first_para else "conclusion")
        elif reasons_in_para.get(u.paragraph) and u.paragraph != units[thesis].paragraph:
            roles[i] = "evidence"
            cues[i].append("elaborates the reason of its paragraph")
        else:
            roles[i] = "reason"
            cues[i].append("topic sentence" if prev is None and n_paras > 1 else "unmarked statement")
        if roles[i] == "reason":
            reasons_in_para.setdefault(u.paragraph, []).append(i)
    _link(an, feats, thesis)
    for i in range(n):
        if roles[i] not in ("thesis", "other"):
            an.confidence[i] = confidence_of(units[i].text)
    return an


def _continues(units: list[Unit], roles: list[str], i: int, prev: int | None, f: _Features,
               role: str) -> bool:
    """``..., or that ...`` after a reason (an objection) in the same sentence names one more."""
    return (prev is not None and roles[prev] == role and units[prev].sentence == units[i].sentence
            and bool(re.match(r"(?:or|and)\s+(?:that|because)\b", f.lead, re.IGNORECASE)))


def _names_only(f: _Features) -> bool:
    """A capitalised name is the weakest cue of evidence: in the introduction or the conclusion of
    an essay it is the topic being named ("The Roman Republic collapsed because ..."), not a fact."""
    return all(cue.startswith("a name") for cue in f.evidence)


def _choose_thesis(units: list[Unit], feats: list[_Features], body: list[int], first_para: int,
                   last_para: int) -> int:
    first_body = body[0]
    last = body[-1]
    best, best_score = first_body, -math.inf
    for i in body:
        u, f = units[i], feats[i]
        score = 0.0
        if f.stance:
            score += 3.0 if f.opinion else 2.0
        if f.question:
            score -= 2.0
        if f.conclusion_lead:
            score += 2.5
        elif f.conclusion:
            score += 1.5
        if i > 0 and units[i - 1].sentence == u.sentence:
            score -= 0.7  # a later clause of its sentence
        if i == first_body:
            score += 1.5
        elif u.paragraph == first_para:
            score += 0.4
        if i == last:
            score += 1.0
        elif u.paragraph == last_para:
            score += 0.2
        if f.reason or f.concession or f.marked_evidence:
            score -= 1.5
        if f.causal:
            score -= 2.0
        if f.contrast:
            score -= 1.0
        if score > best_score:
            best, best_score = i, score
    return best


# -- linking ------------------------------------------------------------------------------------
def _stems(text: str) -> set[str]:
    return {w[:_STEM] for w in (t.lower() for t in _TOKEN.findall(text)) if w not in _STOP}


def _link(an: Analysis, feats: list[_Features], thesis: int) -> None:
    units, roles, links = an.units, an.roles, an.links
    n = len(units)
    stems = [_stems(u.text) for u in units]
    df: Counter[str] = Counter()
    for s in stems:
        df.update(s)
    topic = max(2, _TOPIC_SHARE * n)
    idf = {w: math.log((n + 1) / c) for w, c in df.items() if c <= topic}
    reasons: list[int] = []  # reasons seen so far, in order
    reasons_by_para: dict[int, list[int]] = {}
    for i in range(n):
        if roles[i] == "reason":
            reasons_by_para.setdefault(units[i].paragraph, []).append(i)
    objections: list[int] = []
    for i in range(n):
        role = roles[i]
        u = units[i]
        prev = i - 1 if i > 0 and units[i - 1].paragraph == u.paragraph else None
        if role == "reason":
            if feats[i].causal and prev is not None and units[prev].sentence == u.sentence \
                    and roles[prev] in ("thesis", "reason", "evidence"):
                links.append((i, prev, SUPPORTS))
            else:
                links.append((i, thesis, SUPPORTS))
            reasons.append(i)
        elif role == "evidence":
            target = _best_reason(i, units, stems, idf, reasons, reasons_by_para, feats, prev, roles)
            links.append((i, thesis if target is None else target, SUPPORTS))
        elif role == "objection":
            target = thesis
            if prev is not None and roles[prev] == "objection" and not feats[i].concession:
                target = prev  # an unmarked follow-up of an objection argues for it
                links.append((i, target, SUPPORTS))
                roles[i] = "evidence"
                an.cues[i].append("supports the objection before it")
                continue
            para_reasons = [r for r in reasons_by_para.get(u.paragraph, ()) if r < i]
            if para_reasons and u.paragraph != units[thesis].paragraph:
                target = para_reasons[-1]
            links.append((i, target, ATTACKS))
            objections.append(i)
        elif role == "rebuttal":
            target = next((o for o in reversed(objections) if o < i), None)
            if target is None:
                roles[i] = "objection"
                links.append((i, thesis, ATTACKS))
                objections.append(i)
            else:
                links.append((i, target, ATTACKS))


_CANDIDATES = 8  # preceding reasons considered besides those of the same paragraph: keeps it linear


def _best_reason(i: int, units: list[Unit], stems: list[set[str]], idf: dict[str, float],
                 reasons: list[int], reasons_by_para: dict[int, list[int]], feats: list[_Features],
                 prev: int | None, roles: list[str]) -> int | None:
    u = units[i]
    if feats[i].causal and prev is not None and units[prev].sentence == u.sentence \
            and roles[prev] in ("reason", "evidence", "thesis"):
        return prev  # "..., because ..." backs the clause it is attached to
    candidates = dict.fromkeys(reasons[-_CANDIDATES:])
    same = reasons_by_para.get(u.paragraph, [])
    at = bisect.bisect_left(same, i)
    candidates.update(dict.fromkeys(same[max(0, at - _CANDIDATES):at + 2]))
    if not candidates:
        return None
    preceding = [r for r in candidates if r < i]
    nearest = max(preceding) if preceding else None
    best, best_score = None, -math.inf
    for r in candidates:
        overlap = sum(idf.get(w, 0.0) for w in stems[i] & stems[r])
        score = 2.0 * overlap
        if units[r].paragraph == u.paragraph:
            score += 0.8
        if r == nearest:
            score += 0.6
        score += 0.3 if r < i else -1.5
        if score > best_score:
            best, best_score = r, score
    return best
