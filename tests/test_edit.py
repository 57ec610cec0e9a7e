"""argmap.edit: every edit changes only the lines it must, is validated like `check`, and is saved
safely (conflicts refused, a backup kept, the file's mode kept)."""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.edit import BACKUP_SUFFIX, MapFile, make_id
from argmap.errors import ArgmapError

DATA = Path(__file__).parent / "data"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A hand-written map: comments, blank lines, odd quoting, key order, mixed list styles."""
    path = tmp_path / "map.yaml"
    shutil.copy(DATA / "edit_sample.yaml", path)
    return path


def changes(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines removed from ``before`` and added in ``after`` (everything else is identical)."""
    removed: list[str] = []
    added: list[str] = []
    a, b = before.splitlines(keepends=True), after.splitlines(keepends=True)
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            removed += a[i1:i2]
            added += b[j1:j2]
    return removed, added


def edited(path: Path) -> tuple[MapFile, str]:
    mf = MapFile.open(str(path))
    return mf, mf.text()


# -- each operation touches only its own lines ------------------------------------------------------
def test_add_node_appends_its_lines_after_the_last_node(sample: Path) -> None:
    mf, before = edited(sample)
    new_id = mf.add_node({"text": "Show trials staged 'confessions': #1 in 1936.", "kind": "evidence",
                          "supports": "rivals", "confidence": "likely"})
    assert new_id == "show_trials_staged_confessions_1"
    removed, added = changes(before, mf.text())
    assert removed == []
    assert added == ["\n", f"  {new_id}:\n", "    kind: evidence\n",
                     "    text: 'Show trials staged ''confessions'': #1 in 1936.'\n",
                     "    confidence: likely\n", "    supports: rivals\n"]
    assert mf.text().index(new_id) < mf.text().index("# trailing comment")  # after the last node
    amap = mf.validate()
    node = amap.node(new_id)
    assert node == {"kind": "evidence", "text": "Show trials staged 'confessions': #1 in 1936.",
                    "confidence": "likely"}
    assert amap.relation(new_id, "rivals") == "supports"
    assert list(amap)[-1] == new_id


def test_update_node_replaces_adds_and_removes_single_lines(sample: Path) -> None:
    mf, before = edited(sample)
    mf.update_node("rivals", {"label": "Old rivals", "confidence": "likely", "tags": None})
    removed, added = changes(before, mf.text())
    assert sorted(removed) == sorted(["    label: 'Rivals'\n", "    tags: [power, party]\n"])
    assert added == ["    label: Old rivals\n", "    confidence: likely\n"]
    node = mf.validate().node("rivals")
    assert node["label"] == "Old rivals" and node["confidence"] == "likely" and "tags" not in node
    assert node["text"] == "Old Bolsheviks could challenge him."


def test_update_keeps_a_trailing_comment_and_skips_unchanged_fields(sample: Path) -> None:
    mf, before = edited(sample)
    mf.update_node("thesis", {"kind": "thesis", "label": "Power", "text": "Stalin purged to rule alone."})
    removed, added = changes(before, mf.text())
    assert removed == ['    text: "Stalin purged the party to secure his power."\n']
    assert added == ["    text: Stalin purged to rule alone.\n"]
    mf.update_node("thesis", {"kind": "claim"})
    assert "    kind: claim      # key order: text before kind\n" in mf.text()


def test_update_a_multiline_text_replaces_its_block(sample: Path) -> None:
    mf, before = edited(sample)
    mf.update_node("kirov", {"text": "Kirov was shot.\nThe purge followed."})
    removed, added = changes(before, mf.text())
    assert removed == ["    text: |\n", "      Kirov was murdered in 1934;\n", "      the purge followed.\n"]
    assert added == ["    text: |-\n", "      Kirov was shot.\n", "      The purge followed.\n"]
    assert mf.validate().node("kirov")["text"] == "Kirov was shot.\nThe purge followed."


def test_link_appends_to_block_and_flow_lists_and_scalars(sample: Path) -> None:
    mf, before = edited(sample)
    mf.link("kirov", "thesis")  # a block list: one line more
    removed, added = changes(before, mf.text())
    assert (removed, added) == ([], ["    - thesis\n"])
    mf.link("paranoia", "rivals", "attacks")  # a flow list: that line changes
    mf.link("rivals", "paranoia", "attacks")  # no attacks yet: one line more
    removed, added = changes(before, mf.text())
    assert removed == ["    attacks: [thesis]\n"]
    assert sorted(added) == sorted(["    - thesis\n", "    attacks: [thesis, rivals]\n",
                                    "    attacks: paranoia\n"])
    amap = mf.validate()
    assert amap.relation("kirov", "thesis") == "supports"
    assert amap.relation("paranoia", "rivals") == "attacks"
    assert amap.relation("rivals", "paranoia") == "attacks"


def test_link_with_another_relation_replaces_the_old_one(sample: Path) -> None:
    mf, before = edited(sample)
    mf.link("paranoia", "thesis", "supports")
    amap = mf.validate()
    assert amap.relation("paranoia", "thesis") == "supports"
    removed, added = changes(before, mf.text())
    assert removed == ["    attacks: [thesis]\n"]
    assert added == ["    supports: thesis\n"]
    text = mf.text()
    mf.link("paranoia", "thesis", "supports")  # already so: nothing changes
    assert mf.text() == text


def test_undercut_and_unlink(sample: Path) -> None:
    mf, before = edited(sample)
    mf.link("paranoia", "thesis", "undercuts", premise="rivals")
    amap = mf.validate()
    edge = amap.graph.edges["paranoia", "thesis"]
    assert edge == {"relation": "undercuts", "premise": "rivals"}
    mf.unlink("paranoia", "thesis")
    assert not mf.validate().graph.has_edge("paranoia", "thesis")
    removed, added = changes(before, mf.text())
    assert removed == ["    attacks: [thesis]\n"] and added == []


def test_remove_node_removes_its_block_and_the_links_to_it(sample: Path) -> None:
    mf, before = edited(sample)
    mf.remove_node("rivals")
    removed, added = changes(before, mf.text())
    assert added == []
    assert removed == ["  rivals:\n", "    kind: reason\n", "    label: 'Rivals'\n", "    text: >-\n",
                       "      Old Bolsheviks could\n", "      challenge him.\n", "    supports: thesis\n",
                       "    tags: [power, party]\n", "\n", "\n", "    supports:\n", "    - rivals\n"]
    amap = mf.validate()
    assert "rivals" not in amap and list(amap.graph.successors("kirov")) == []


def test_remove_the_last_node_keeps_the_trailing_comment(sample: Path) -> None:
    mf, before = edited(sample)
    mf.remove_node("paranoia")
    removed, added = changes(before, mf.text())
    assert added == [] and removed[0] == "\n" and removed[1] == "  paranoia:\n"
    assert mf.text().endswith("# trailing comment\n")


def test_review_notes_are_appended_lines(sample: Path) -> None:
    mf, before = edited(sample)
    mf.add_review("kirov", "Which page of Conquest?", by="Ms Lee", at="2026-11-28")
    mf.add_review("kirov", "Fixed: thanks")
    mf.add_review(None, "A clear map.", by="Ms Lee")
    removed, added = changes(before, mf.text())
    assert removed == []
    assert added == ["review:\n", "  - by: Ms Lee\n", "    text: A clear map.\n",
                     "    review:\n", "      - by: Ms Lee\n", "        at: '2026-11-28'\n",
                     "        text: Which page of Conquest?\n", "      - text: 'Fixed: thanks'\n"]
    amap = mf.validate()
    assert amap.review == [{"by": "Ms Lee", "text": "A clear map."}]
    assert amap.node("kirov")["review"] == [
        {"by": "Ms Lee", "at": "2026-11-28", "text": "Which page of Conquest?"}, {"text": "Fixed: thanks"}]
    assert mf.review("kirov")[1] == {"text": "Fixed: thanks"}


# -- refused edits ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("edit", "code"), [
    (lambda mf: mf.update_node("nope", {"text": "x"}), "AM101"),
    (lambda mf: mf.link("kirov", "thesiss"), "AM101"),
    (lambda mf: mf.add_node({"kind": "reasn", "text": "x"}), "AM104"),
    (lambda mf: mf.add_node({"kind": "reason", "text": "x", "colour": "red"}), "AM106"),
    (lambda mf: mf.add_node({"kind": "reason", "text": "x"}, id="thesis"), "AM103"),
    (lambda mf: mf.add_node({"kind": "reason", "text": "x"}, id="no spaces"), "AM102"),
    (lambda mf: mf.link("kirov", "kirov"), "AM107"),
    (lambda mf: mf.link("kirov", "rivals", "follows"), "AM006"),
    (lambda mf: mf.unlink("thesis", "kirov"), "AM112"),
    (lambda mf: mf.add_review("kirov", "note", at="last week"), "AM006"),
    (lambda mf: mf.add_review("kirov", "  "), "AM105"),
])
def test_refused_edits_change_nothing(sample: Path, edit: object, code: str) -> None:
    mf, before = edited(sample)
    with pytest.raises(ArgmapError) as err:
        edit(mf)  # type: ignore[operator]
    assert err.value.first.code == code
    assert mf.text() == before
    assert sample.read_text(encoding="utf-8") == before


def test_an_empty_text_is_refused_with_checks_message_at_its_new_line(sample: Path) -> None:
    mf, before = edited(sample)
    with pytest.raises(ArgmapError) as err:
        mf.update_node("kirov", {"text": ""})
    d = err.value.first
    assert (d.code, d.message) == ("AM105", "node 'kirov' has an empty text")
    assert (d.line, d.column) == (25, 11)  # where the edited text would have put it
    assert mf.text() == before


def test_a_new_circular_support_is_refused_unless_allowed(sample: Path) -> None:
    mf, before = edited(sample)
    with pytest.raises(ArgmapError) as err:
        mf.link("thesis", "kirov")
    d = err.value.first
    assert d.code == "AM201" and d.severity == "error"
    assert "circular support: thesis -> kirov" in d.message   # the check says it as a sentence
    assert mf.text() == before
    mf.link("thesis", "kirov", allow_cycle=True)
    assert any(w.code == "AM201" for w in mf.warnings)


def test_kind_case_and_number_ids_are_accepted_as_the_reader_reads_them(write_map) -> None:  # type: ignore[no-untyped-def]
    path = write_map("""
        nodes:
          1934:
            kind: thesis
            text: yes
          b:
            kind: reason
            text: no
            supports: 1934
        """)
    mf = MapFile.open(str(path))
    mf.link("b", "1934", "attacks")
    amap = mf.validate()
    assert amap.relation("b", "1934") == "attacks" and amap.node("1934")["text"] == "yes"


# -- saving -----------------------------------------------------------------------------------------
def test_save_writes_keeps_a_backup_and_the_mode(sample: Path) -> None:
    os.chmod(sample, 0o640)
    before = sample.read_bytes()
    mf = MapFile.open(str(sample))
    mf.add_review(None, "Good.")
    digest = mf.save()
    assert sample.read_text(encoding="utf-8") == mf.text()
    assert Path(str(sample) + BACKUP_SUFFIX).read_bytes() == before
    assert stat.S_IMODE(os.stat(sample).st_mode) == 0o640
    assert digest == mf.digest == MapFile.open(str(sample)).digest
    mf.add_review(None, "Better.")  # a second save goes over the first
    mf.save()
    assert argmap.load(sample).review == [{"text": "Good."}, {"text": "Better."}]


def test_a_file_changed_on_disk_is_never_overwritten(sample: Path) -> None:
    mf = MapFile.open(str(sample))
    mf.add_review(None, "Mine.")
    outside = sample.read_text(encoding="utf-8").replace("Power", "Control")
    sample.write_text(outside, encoding="utf-8")
    with pytest.raises(ArgmapError) as err:
        mf.save()
    assert err.value.first.code == "conflict" and "reload" in (err.value.first.hint or "")
    assert sample.read_text(encoding="utf-8") == outside
    assert not Path(str(sample) + BACKUP_SUFFIX).exists()


def test_json_maps_stay_json_with_their_indent_and_key_order(tmp_path: Path) -> None:
    for indent in (4, "\t"):
        doc = {"title": "Q", "nodes": {"t": {"text": "T é", "kind": "thesis"},
                                       "r": {"kind": "reason", "text": "R", "supports": "t"}}}
        path = tmp_path / "map.json"
        path.write_text(json.dumps(doc, indent=indent, ensure_ascii=False) + "\n", encoding="utf-8")
        mf = MapFile.open(str(path))
        new = mf.add_node({"kind": "evidence", "text": "E", "supports": "r"})
        mf.add_review("t", "ok", by="T")
        mf.save()
        doc["nodes"][new] = {"kind": "evidence", "text": "E", "supports": "r"}  # type: ignore[index]
        doc["nodes"]["t"]["review"] = [{"by": "T", "text": "ok"}]  # type: ignore[index]
        assert path.read_text(encoding="utf-8") == json.dumps(doc, indent=indent, ensure_ascii=False) + "\n"


def test_flow_style_nodes_are_edited_through_the_round_trip_library(write_map) -> None:  # type: ignore[no-untyped-def]
    path = write_map("""
        # keep me
        nodes: {t: {kind: thesis, text: T}}
        """)
    mf = MapFile.open(str(path))
    new = mf.add_node({"kind": "reason", "text": "Because.", "supports": "t"})
    mf.add_review("t", "Line\u2028separator")
    mf.save()
    amap = argmap.load(path)
    assert amap.relation(new, "t") == "supports"
    assert amap.node("t")["review"] == [{"text": "Line\u2028separator"}]
    assert path.read_text(encoding="utf-8").startswith("# keep me\n")


def test_an_empty_map_gets_its_first_node(write_map) -> None:  # type: ignore[no-untyped-def]
    path = write_map("title: Q  # the question\nnodes: {}\n")
    mf = MapFile.open(str(path))
    assert mf.add_node({"kind": "thesis", "text": "A."}) == "a"
    mf.save()
    assert list(argmap.load(path)) == ["a"]
    assert "# the question" in path.read_text(encoding="utf-8")


def test_windows_line_ends_and_a_bom_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    raw = "\ufeff# c\r\nnodes:\r\n  t:\r\n    kind: thesis\r\n    text: T\r\n"
    path.write_bytes(raw.encode("utf-8"))
    mf = MapFile.open(str(path))
    mf.add_node({"kind": "reason", "text": "R", "supports": "t"})
    mf.save()
    out = path.read_bytes().decode("utf-8")
    assert out.startswith(raw) and "\n" not in out.replace("\r\n", "")
    assert argmap.load(path).relation("r", "t") == "supports"


def test_other_formats_are_not_edited(tmp_path: Path) -> None:
    path = tmp_path / "map.argdown"
    path.write_text("[t]: T\n", encoding="utf-8")
    with pytest.raises(ArgmapError) as err:
        MapFile.open(str(path))
    assert err.value.first.code == "AM010"


# -- ids --------------------------------------------------------------------------------------------
def test_ids_are_readable_and_unique() -> None:
    taken = {"kirov_murder"}
    assert make_id({"label": "Kirov murder"}, taken) == "kirov_murder_2"
    assert make_id({"label": "Kirov murder"}, taken | {"kirov_murder_2"}) == "kirov_murder_3"
    assert make_id({"text": "The NKVD's arrest quotas, 1937"}, taken) == "nkvd_s_arrest_quotas_1937"
    assert make_id({"text": "Élan vital — über alles"}, taken) == "elan_vital_uber_alles"
    assert make_id({"kind": "evidence", "text": "斯大林"}, taken) == "evidence"
    assert make_id({"text": "the of a"}, taken) == "the_of_a"
    long = make_id({"text": "word " * 40}, taken)
    assert len(long) <= 32 and long.startswith("word_word")


# -- text is saved as text --------------------------------------------------------------------------
TEXTS = ["it's \"quoted\"", "a: colon", "# not a comment", "line one\nline two", "---", "...",
         "{} [] & * ! | > % @ `", "ünïcødé 😀 ‮", "yes", "null", "~", "1934", "- dash", "? key",
         "trailing\n\nblank lines\n\n\nkept inside", "tab\tinside"]


@pytest.mark.parametrize("text", TEXTS)
def test_payload_texts_round_trip(sample: Path, text: str, payloads: list[str]) -> None:
    for payload in [text, *payloads]:
        mf = MapFile.open(str(sample))
        new = mf.add_node({"kind": "evidence", "text": payload, "label": payload, "supports": "rivals"})
        mf.add_review(new, payload, by=payload)
        mf.update_node("thesis", {"note": payload})
        mf.save()
        amap = argmap.load(sample)
        assert amap.node(new)["text"] == payload.strip()
        assert amap.node(new)["label"] == payload.strip()
        assert amap.node(new)["review"] == [{"by": payload.strip(), "text": payload.strip()}]
        assert amap.node("thesis")["note"] == payload.strip()
        shutil.copy(DATA / "edit_sample.yaml", sample)


_TEXT = (st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60)
         .map(str.strip).filter(bool))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_TEXT)
def test_any_text_round_trips_through_save_and_load(tmp_path: Path, text: str) -> None:
    path = tmp_path / "map.yaml"
    shutil.copy(DATA / "edit_sample.yaml", path)
    mf = MapFile.open(str(path))
    new = mf.add_node({"kind": "claim", "text": text, "supports": "thesis"})
    mf.add_review(new, text)
    mf.save()
    amap = argmap.load(path)
    assert amap.node(new)["text"] == text
    assert amap.node(new)["review"] == [{"text": text}]
    before = (DATA / "edit_sample.yaml").read_text(encoding="utf-8")
    removed, _ = changes(before, path.read_text(encoding="utf-8"))
    assert removed == []


def test_a_file_with_anchors_is_edited_through_the_round_trip_library(write_map) -> None:  # type: ignore[no-untyped-def]
    path = write_map("""
        nodes:
          t:
            kind: thesis
            text: &same Same words
          r:
            kind: reason
            text: *same
            supports: t
        """)
    mf = MapFile.open(str(path))
    mf.update_node("r", {"label": "R"})
    mf.save()
    amap = argmap.load(path)
    assert amap.node("r") == {"kind": "reason", "text": "Same words", "label": "R"}


WRITER_STYLE = """\
argmap: 1
nodes:
  t: {kind: thesis, text: The thesis.}  # as argmap's writer puts it
  r: {kind: reason, text: 'Reason: one.', supports: t}
"""


def test_nodes_written_as_flow_mappings_are_rewritten_one_node_at_a_time(write_map) -> None:  # type: ignore[no-untyped-def]
    path = write_map(WRITER_STYLE)
    mf = MapFile.open(str(path))
    mf.update_node("t", {"label": "Thesis"})
    new = mf.add_node({"kind": "evidence", "text": "E.", "supports": "r"})
    mf.add_review("r", "Good.")
    removed, added = changes(WRITER_STYLE, mf.text())
    assert removed == ["  t: {kind: thesis, text: The thesis.}  # as argmap's writer puts it\n",
                       "  r: {kind: reason, text: 'Reason: one.', supports: t}\n"]
    assert added == ["  t: {kind: thesis, text: The thesis., label: Thesis}  # as argmap's writer puts it\n",
                     "  r:\n", "    kind: reason\n", "    text: 'Reason: one.'\n", "    supports: t\n",
                     "    review:\n", "    - text: Good.\n",
                     f"  {new}: {{kind: evidence, text: E., supports: r}}\n"]
    amap = mf.validate()
    assert amap.node("t")["label"] == "Thesis" and amap.relation(new, "r") == "supports"


def test_removing_the_only_node_leaves_an_empty_map_that_can_grow(write_map) -> None:  # type: ignore[no-untyped-def]
    path = write_map("title: Q\nnodes:\n  t:\n    kind: thesis\n    text: T\n")
    mf = MapFile.open(str(path))
    mf.remove_node("t")
    assert mf.text() == "title: Q\nnodes: {}\n"
    mf.add_node({"kind": "thesis", "text": "Again."}, id="again")
    assert mf.text() == "title: Q\nnodes:\n  again:\n    kind: thesis\n    text: Again.\n"


_KINDS = ["thesis", "reason", "claim", "evidence", "objection", "rebuttal"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_sequence_of_edits_gives_the_map_a_model_predicts(tmp_path: Path, data: st.DataObject) -> None:
    """Random edits on the hand-written file: the saved map is what a plain model of the edits
    says, and the file's own comments survive."""
    path = tmp_path / "map.yaml"
    shutil.copy(DATA / "edit_sample.yaml", path)
    amap = argmap.load(path)
    nodes = {n: {"kind": d["kind"], "text": d["text"]} for n, d in amap.graph.nodes(data=True)}
    edges = {(u, v): e["relation"] for u, v, e in amap.edges()}
    mf = MapFile.open(str(path))
    for _ in range(data.draw(st.integers(1, 8), label="edits")):
        ids = sorted(nodes)
        op = data.draw(st.sampled_from(["add", "update", "link", "unlink", "remove", "review"]))
        if op == "add" or len(ids) < 2:
            kind = data.draw(st.sampled_from(_KINDS))
            text = data.draw(_TEXT)
            new = mf.add_node({"kind": kind, "text": text})
            assert new not in nodes and re.fullmatch(r"[a-z0-9_]+", new)
            nodes[new] = {"kind": kind, "text": text}
        elif op == "update":
            node, text = data.draw(st.sampled_from(ids)), data.draw(_TEXT)
            mf.update_node(node, {"text": text})
            nodes[node]["text"] = text
        elif op == "link":
            u, v = data.draw(st.sampled_from(ids)), data.draw(st.sampled_from(ids))
            if u == v:
                continue
            relation = data.draw(st.sampled_from(["supports", "attacks"]))
            mf.link(u, v, relation, allow_cycle=True)
            edges[u, v] = relation
        elif op == "unlink" and edges:
            u, v = data.draw(st.sampled_from(sorted(edges)))
            mf.unlink(u, v)
            del edges[u, v]
        elif op == "remove":
            node = data.draw(st.sampled_from(ids))
            mf.remove_node(node)
            del nodes[node]
            edges = {(u, v): r for (u, v), r in edges.items() if node not in (u, v)}
        elif op == "review":
            mf.add_review(data.draw(st.sampled_from(ids)), data.draw(_TEXT))
    mf.save()
    saved = argmap.load(path)
    assert {n: {"kind": d["kind"], "text": d["text"]} for n, d in saved.graph.nodes(data=True)} == nodes
    assert {(u, v): e["relation"] for u, v, e in saved.edges()} == edges
    text = path.read_text(encoding="utf-8")
    for comment in ("# A map with every habit a hand-written file has.\n", "# Keep this header.\n",
                    "# trailing comment\n"):
        assert comment in text


def test_a_malformed_review_field_is_not_overwritten(write_map) -> None:  # type: ignore[no-untyped-def]
    path = write_map("review: Good work\nnodes:\n  t:\n    kind: thesis\n    text: T\n")
    mf = MapFile.open(str(path))
    with pytest.raises(ArgmapError) as err:
        mf.add_review(None, "More.")
    assert err.value.first.code == "AM006"
    assert "review: Good work" in mf.text()


def test_a_reordered_block_list_is_rewritten_under_its_key(sample: Path) -> None:
    mf, before = edited(sample)
    mf.update_node("kirov", {"supports": ["thesis", "rivals"]})
    removed, added = changes(before, mf.text())
    assert (removed, added) == ([], ["    - thesis\n"])
    assert "    supports:\n    - thesis\n    - rivals\n" in mf.text()
    assert set(mf.validate().graph.successors("kirov")) == {"thesis", "rivals"}
