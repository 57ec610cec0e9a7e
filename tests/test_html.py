"""The page as text, without a browser: determinism, escaping, offline, size."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import argmap
from argmap.model import ArgumentMap
from argmap.options import RenderOptions
from argmap.text import fold
from argmap.writers.html import APP_SCRIPTS, BIG_MAP_NODES, page_data, unpack_data, vis_network_js

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "argmap" / "page"

PAYLOADS = [
    "<script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "\"'><svg onload=alert(1)>",
    "{{7*7}}",
    "line\u2028sep\u2029para",
]
PAYLOAD = " ".join(PAYLOADS)


def big_map(n: int = 10_000) -> ArgumentMap:
    """A generated map: one thesis, reasons each with a claim and 18 pieces of evidence."""
    words = ["grain", "harvest", "archive", "letter", "decree", "census", "railway", "treaty", "border",
             "strike", "famine", "trial", "army", "factory", "quota", "election", "pamphlet", "speech",
             "budget", "tariff", "river", "harbour", "mine"]

    def text(seed: int, n_words: int) -> str:
        out = []
        for _ in range(n_words):
            seed = (seed * 1103515245 + 12345) % 2147483648
            out.append(words[seed % len(words)])
        return " ".join(out)

    a = ArgumentMap(title="Generated map")
    a.add_node("t", "thesis", "The generated thesis that everything else argues about.")
    conf = ["certain", "likely", "possible", "doubtful", None]
    made, r = 1, 0
    while made < n:
        a.add_node(f"r{r}", "reason", f"Reason {r}: {text(r, 6)}.", confidence=conf[r % 5])
        a.add_edge(f"r{r}", "t")
        a.add_node(f"c{r}", "claim", f"Claim {r}: {text(r + 7919, 6)}.")
        a.add_edge(f"c{r}", f"r{r}")
        made += 2
        for j in range(18):
            if made >= n:
                break
            a.add_node(f"e{r}_{j}", "evidence", f"Evidence {r}.{j}: {text(r * 31 + j, 7)}.",
                       confidence=conf[j % 5], source=f"doc {j}")
            a.add_edge(f"e{r}_{j}", f"c{r}" if j % 3 == 0 else f"r{r}")
            made += 1
        r += 1
    return a


def payload_map() -> ArgumentMap:
    """Every text field carries the payloads; ids use every allowed character class."""
    essay = f"Intro {PAYLOAD} middle. The reason: R {PAYLOAD} end. Evidence E {PAYLOAD} here.\n"
    a = ArgumentMap(title=PAYLOAD, essay=essay, kind_names={k: f"{k} {PAYLOAD}" for k in
                                                              ("thesis", "reason", "evidence", "objection")})
    a.add_node("Thesis_1", "thesis", PAYLOAD, label=PAYLOAD, quote=f"Intro {PAYLOAD}", note=PAYLOAD)
    a.add_node("reason-2", "reason", PAYLOAD, label=PAYLOAD, confidence="possible", source=PAYLOAD,
               quote=f"R {PAYLOAD}", tags=[PAYLOAD, "x"], note=PAYLOAD)
    a.add_node("ev_3", "evidence", PAYLOAD, source=PAYLOAD, quote=f"E {PAYLOAD}", tags=PAYLOADS,
               note=PAYLOAD)
    a.add_node("obj-4", "objection", PAYLOAD)
    a.add_edge("reason-2", "Thesis_1")
    a.add_edge("ev_3", "reason-2")
    a.add_edge("obj-4", "reason-2", "attacks")
    return a


def data_block(html: str) -> str:
    m = re.search(r'<script type="application/json" id="argmap-data">(.*?)</script>', html, re.S)
    assert m
    return m.group(1)


@pytest.fixture(scope="module")
def stalin_html(stalin) -> str:
    return argmap.render(stalin)


def test_same_input_same_bytes(stalin):
    assert argmap.render(stalin) == argmap.render(stalin)


def test_deterministic_across_hash_seeds(stalin_path):
    code = ("import argmap,hashlib,sys;"
            f"print(hashlib.sha256(argmap.render(argmap.load({str(stalin_path)!r})).encode()).hexdigest())")
    digests = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                             check=True, cwd=ROOT)
        digests.add(out.stdout.strip())
    assert len(digests) == 1
    assert digests == {hashlib.sha256(argmap.render(argmap.load(stalin_path)).encode()).hexdigest()}


def test_no_network_urls_in_src_or_href(bundled_maps):
    for path in bundled_maps:
        html = argmap.render(argmap.load(path))
        assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I), path
        assert "default-src 'none'" in html
        assert "connect-src 'none'" in html


def test_page_script_never_parses_markup():
    for name in APP_SCRIPTS:
        js = (PAGE / name).read_text(encoding="utf-8")
        for bad in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                    "new Function", "DOMParser", "createContextualFragment"):
            assert bad not in js, (name, bad)


def test_payloads_escaped_in_raw_html():
    amap = payload_map()
    html = argmap.render(amap)
    block = data_block(html)
    assert "<" not in block and ">" not in block and "&" not in block.replace("\\u0026", "")
    assert "\u2028" not in block and "\u2029" not in block
    assert "\\u2028" in block and "\\u2029" in block
    # the only script elements are the page's own three
    assert html.lower().count("</script") == 3
    outside = re.sub(r"<script[^>]*>.*?</script>", "", html, flags=re.S)
    assert "<script" not in outside.lower()
    assert "<img" not in outside and "<svg" not in outside
    # Jinja escaped the title, the outline and the kind names
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<title>" + PAYLOAD.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(
        '"', "&#34;").replace("'", "&#39;") + "</title>" in outside  # {{7*7}} stays literal
    data = json.loads(block)  # JSON's \u escapes decode back to the original text
    assert data["title"] == PAYLOAD
    assert data["nodes"][0][5] == PAYLOAD
    assert data["essay"]["text"] == amap.essay


def test_essay_offsets_point_at_the_quotes(stalin):
    data = page_data(stalin, RenderOptions())
    ids = [row[0] for row in data["nodes"]]
    marks = data["essay"]["marks"]
    quoted = [n for n, q in stalin.graph.nodes(data="quote") if q]
    assert sorted(ids[m[0]] for m in marks) == sorted(quoted)
    for node, start, end in marks:
        quote = stalin.node(ids[node])["quote"]
        assert fold(stalin.essay[start:end]) == fold(quote)


def test_no_essay_option(stalin):
    data = page_data(stalin, RenderOptions(include_essay=False))
    assert data["essay"] is None
    html = argmap.render(stalin, RenderOptions(include_essay=False))
    assert 'id="essay-panel"' not in html
    assert "Kirov\u2019s murder was actually ordered" not in html.split('id="outline"')[0]


def test_render_options_reach_the_page(stalin):
    html = argmap.render(stalin, RenderOptions(title="My <title>", theme="dark", layout="force"))
    assert '<html lang="en" data-theme="dark">' in html
    assert "<title>My &lt;title&gt;</title>" in html
    data = json.loads(data_block(html))
    assert data["layout"] == "force" and data["theme"] == "dark"
    assert all(row[2] == 0 and row[3] == 0 for row in data["nodes"])


def test_weak_spots_are_argmap_check(bundled_maps):
    for path in bundled_maps:
        amap = argmap.load(path)
        data = page_data(amap, RenderOptions())
        ids = [row[0] for row in data["nodes"]]
        want = [(d.node, d.code, d.message) for d in argmap.check(amap) if d.severity != "error"]
        got = [(ids[c[0]] if c[0] >= 0 else None, c[1], c[3]) for c in data["checks"]["items"]]
        assert got == want


def test_weak_spots_follow_the_maps_own_check_settings(stalin_path):
    """A map's `check: {ignore, select}` hides findings on the page as it does in `argmap check`."""
    from argmap.checks import as_configured

    stalin = argmap.load(stalin_path)  # a copy of its own: the settings change below
    stalin.check_config = {"ignore": ["AM205", "AM214"]}
    data = page_data(stalin, RenderOptions())
    codes = [c[1] for c in data["checks"]["items"]]
    assert codes == [d.code for d in as_configured(stalin, argmap.check(stalin)) if d.severity != "error"]
    assert "AM205" not in codes and "AM214" not in codes and "AM202" in codes
    assert data["checks"]["summaries"] == []  # the missing sources' summary line goes with them
    stalin.check_config = {"select": ["AM202"]}
    assert {c[1] for c in page_data(stalin, RenderOptions())["checks"]["items"]} == {"AM202"}


def test_weak_spots_ranked_with_badges_and_one_summary_line(stalin):
    data = page_data(stalin, RenderOptions())
    ids = [row[0] for row in data["nodes"]]
    items = data["checks"]["items"]
    ranks = [c[5] for c in items]
    assert ranks == sorted(ranks)
    # the three motives with no evidence lead, before any missing source
    assert [(ids[c[0]], c[6]) for c in items[:3]] == [
        ("superiority", "no evidence"), ("snowball", "no evidence"), ("five_year_plans", "no evidence")]
    assert {c[6] for c in items} == {"no evidence", "hedged only", "unsourced figure", "vague source",
                                     "no source"}
    (summary,) = data["checks"]["summaries"]
    assert summary["message"] == "7 pieces of evidence have no source."
    assert summary["badge"] == "no source" and summary["count"] == 7
    assert all(items[j][1] == "AM205" for j in summary["items"])


def test_kind_filters_use_python_plurals(stalin):
    data = page_data(stalin, RenderOptions())
    plurals = {k["kind"]: k["plural"] for k in data["kinds"]}
    assert plurals["thesis"] == "Theses" and plurals["evidence"] == "Evidence"
    html = argmap.convert(stalin, "html")
    assert "Thesises" not in html and "Evidences" not in html


def test_matrix_is_argmap_evidence(stalin):
    evidence = pytest.importorskip("argmap.evidence")
    data = page_data(stalin, RenderOptions())
    ids = [row[0] for row in data["nodes"]]
    m = data["matrix"]
    assert [ids[r] for r in m["rows"]] == evidence.rows(stalin)
    assert [(ids[r], ids[e], bool(d), tuple(ids[v] for v in via)) for r, e, d, via, _ in m["links"]] == [
        (lk.reason, lk.evidence, lk.direct, tuple(lk.via)) for lk in evidence.links(stalin)]
    assert m["strength"] == [round(evidence.strength(stalin, r), 4) for r in evidence.rows(stalin)]


# -- packed data (pages of more than 500 statements) ------------------------------------------------
def packed(html: str) -> bool:
    return 'id="argmap-data" data-encoding="deflate-base64">' in html


def test_pages_above_the_outline_limit_are_packed():
    small, big = argmap.render(big_map(BIG_MAP_NODES)), argmap.render(big_map(BIG_MAP_NODES + 1))
    assert not packed(small) and unpack_data(small)["big"] is False and 'data-node="t"' in small
    assert packed(big) and unpack_data(big)["big"] is True and 'data-node="t"' not in big
    assert not packed(argmap.render(big_map(BIG_MAP_NODES + 1), RenderOptions(pack=False)))


@pytest.mark.parametrize("make", [payload_map, lambda: big_map(10_000)], ids=["payloads", "10k"])
def test_packed_data_is_the_plain_data(make):
    amap = make()
    plain = argmap.render(amap, RenderOptions(pack=False))
    html = argmap.render(amap, RenderOptions(pack=True))
    assert packed(html) and not packed(plain)
    assert unpack_data(html) == unpack_data(plain) == json.loads(data_block(plain))
    block = html.split('data-encoding="deflate-base64">', 1)[1].split("</script>", 1)[0]
    assert re.fullmatch(r"[A-Za-z0-9+/]*={0,2}", block)  # one base64 run, whatever the map says
    assert html.lower().count("</script") == 3
    assert argmap.render(amap, RenderOptions(pack=True)) == html  # deterministic
    # everything but the data block is the same page
    assert re.sub(r'(id="argmap-data")[^>]*>[^<]*', r"\1", html) == re.sub(
        r'(id="argmap-data")[^>]*>[^<]*', r"\1", plain)


def test_page_weight_at_10k_nodes():
    amap = big_map(10_000)
    html = argmap.render(amap)
    vis = len(vis_network_js().encode())
    per_node = (len(html.encode()) - vis) / len(amap)
    assert per_node <= 200, per_node


# -- cards and directions (the contract with the page: see argmap/cards.py) -----------------------
def test_small_maps_carry_cards_and_both_directions(bundled_maps):
    from argmap.cards import card_label, card_lines, page_geometry
    from argmap.layout import essay_layout

    for path in bundled_maps:
        amap = argmap.load(path)
        data = page_data(amap, RenderOptions())
        assert data["card"] == page_geometry()
        assert data["direction"] == "auto"
        for direction in ("down", "right"):
            first, *rest = data["directions"][direction]
            pos = essay_layout(amap, direction)
            assert first == [c for n in amap.graph for c in pos[n]]
            assert all(len(flat) == 2 * len(amap) for flat in rest)
        for k, (row, node) in enumerate(zip(data["nodes"], amap.graph, strict=True)):
            assert row[4] == "\n".join(card_lines(card_label(amap, node)))
            down = data["directions"]["down"][0]
            assert (row[2], row[3]) == (down[2 * k], down[2 * k + 1])
            own = amap.node(node).get("label")
            assert data["labels"][k] == (own if own is not None else 0)


def test_direction_and_order_options_reach_the_page(stalin):
    from argmap.layout import essay_layout

    data = page_data(stalin, RenderOptions(direction="right", order="strength"))
    assert data["direction"] == "right"
    pos = essay_layout(stalin, "right", order="strength")
    assert data["directions"]["right"][0] == [c for n in stalin.graph for c in pos[n]]
    assert page_data(stalin, RenderOptions(direction="sideways"))["direction"] == "auto"


def test_big_maps_keep_the_layered_data():
    from argmap.layout import layered

    amap = big_map(BIG_MAP_NODES + 1)
    data = page_data(amap, RenderOptions())
    assert not {"card", "directions", "direction", "labels"} & set(data)
    pos = layered(amap)
    for row, node in zip(data["nodes"], amap.graph, strict=True):
        assert (row[2], row[3]) == pos[node]
        assert row[4] == (amap.node(node).get("label") if amap.node(node).get("label") is not None else 0)


def test_review_notes_travel_as_text_data():
    amap = ArgumentMap(title="T")
    amap.review = [{"by": PAYLOAD, "at": "2026-11-28", "text": PAYLOAD}]
    amap.add_node("t", "thesis", "Thesis")
    amap.add_node("r", "reason", "Reason", review=[{"text": PAYLOAD}, {"by": "Ms Lee", "text": "ok"}])
    amap.add_edge("r", "t")
    assert page_data(amap, RenderOptions())["reviews"] == {
        "map": [{"by": PAYLOAD, "at": "2026-11-28", "text": PAYLOAD}],
        "nodes": [[1, [{"text": PAYLOAD}, {"by": "Ms Lee", "text": "ok"}]]]}
    html = argmap.render(amap)
    block = data_block(html)
    assert "<" not in block and ">" not in block
    assert html.lower().count("</script") == 3
    assert json.loads(block)["reviews"]["nodes"][0][1][0]["text"] == PAYLOAD


def _chain(n: int) -> ArgumentMap:
    """A support chain: thesis, then reasons and evidence alternating below it."""
    amap = ArgumentMap()
    amap.add_node("s0", "thesis", "top")
    for i in range(1, n):
        amap.add_node(f"s{i}", "evidence" if i % 2 == 0 else "reason", f"statement {i}",
                      confidence="likely" if i % 2 == 0 else None)
        amap.add_edge(f"s{i}", f"s{i - 1}")
    return amap


def test_a_deep_maps_matrix_lists_the_drawn_rows_and_counts_everything() -> None:
    from argmap import evidence
    from argmap.writers.html import MATRIX_ROWS, evidence_matrix

    amap = _chain(2 * MATRIX_ROWS + 200)
    index = {n: i for i, n in enumerate(amap.graph)}
    matrix = evidence_matrix(amap, index)
    assert matrix is not None
    scores = evidence.summaries(amap)
    rows = evidence.rows(amap)
    assert matrix["rows"] == [index[r] for r in rows]
    assert matrix["strength"] == [scores[r].strength for r in rows]  # every row, all its evidence
    assert matrix["counts"] == [scores[r].evidence for r in rows]
    assert matrix["counts"][0] == MATRIX_ROWS + 99  # the top reason rests on every piece
    drawn = {index[r] for r in rows[:MATRIX_ROWS]}
    assert {link[0] for link in matrix["links"]} <= drawn
    per_row = max(sum(1 for link in matrix["links"] if link[0] == r) for r in drawn)
    assert per_row <= evidence.ROW_EVIDENCE


def test_an_ordinary_maps_matrix_is_the_full_table(stalin: ArgumentMap) -> None:
    from argmap import evidence
    from argmap.writers.html import evidence_matrix

    index = {n: i for i, n in enumerate(stalin.graph)}
    matrix = evidence_matrix(stalin, index)
    assert matrix is not None and "counts" not in matrix
    assert len(matrix["links"]) == len(evidence.links(stalin))
