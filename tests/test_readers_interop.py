"""The readers of other tools' formats: small exact cases and errors with positions for bad input."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.errors import ArgmapError

READERS = ["microtexts", "aif", "argdown", "kialo", "graphml", "gexf"]

MICRO = """<?xml version='1.0' encoding='UTF-8'?>
<arggraph id="t1" topic_id="bins" stance="pro">
  <edu id="e1"><![CDATA[Bins smell.]]></edu>
  <edu id="e2"><![CDATA[We should sort waste.]]></edu>
  <edu id="e3"><![CDATA[Sorting saves resources]]></edu>
  <edu id="e4"><![CDATA[and landfill is full.]]></edu>
  <adu id="a1" type="opp"/>
  <adu id="a2" type="pro"/>
  <adu id="a3" type="pro"/>
  <adu id="a4" type="pro"/>
  <edge id="c1" src="e1" trg="a1" type="seg"/>
  <edge id="c2" src="e2" trg="a2" type="seg"/>
  <edge id="c3" src="e3" trg="a3" type="seg"/>
  <edge id="c4" src="e4" trg="a4" type="seg"/>
  <edge id="c5" src="a1" trg="a2" type="reb"/>
  <edge id="c6" src="a3" trg="a2" type="sup"/>
  <edge id="c7" src="a4" trg="c6" type="add"/>
</arggraph>
"""


def test_microtexts_linked_support() -> None:
    amap = argmap.loads(MICRO, format="microtexts", path="t1.xml")
    assert amap.nodes_of("thesis") == ["a2"]
    assert amap.kind("a1") == "objection" and amap.kind("a3") == "reason"
    assert amap.graph.edges["a3", "a2"] == {"relation": "supports", "link": "c6"}
    assert amap.graph.edges["a4", "a2"] == {"relation": "supports", "link": "c6"}
    assert amap.essay == "Bins smell. We should sort waste. Sorting saves resources and landfill is full."


@pytest.mark.parametrize(("text", "line", "message"), [
    (MICRO.replace('trg="c6"', 'trg="c99"'), 17, "must point at an argumentative edge"),
    (MICRO.replace('type="reb"', 'type="zap"'), 15, "unknown type 'zap'"),
    (MICRO.replace("</arggraph>", ""), 19, "XML syntax error"),  # at the end of the text
    (MICRO.replace('id="a4"', 'id="a3"'), 10, "duplicate id"),
    ('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><arggraph id="a"/>', 1, "entity"),
])
def test_microtexts_errors(text: str, line: int, message: str) -> None:
    with pytest.raises(ArgmapError) as err:
        argmap.loads(text, format="microtexts", path="t.xml")
    assert err.value.line == line and message in err.value.message


def test_microtexts_und_cycle_is_an_error() -> None:
    text = MICRO.replace('<edge id="c7" src="a4" trg="c6" type="add"/>',
                         '<edge id="c7" src="a4" trg="c8" type="und"/>'
                         '<edge id="c8" src="a1" trg="c7" type="und"/>')
    with pytest.raises(ArgmapError, match="circle"):
        argmap.loads(text, format="microtexts")


def test_aif_errors_have_positions() -> None:
    bad = '{"nodes": [{"nodeID": "1", "type": "I", "text": "x"}],\n "edges": [{"fromID": "1", "toID": "9"}]}'
    with pytest.raises(ArgmapError) as err:
        argmap.loads(bad, format="aif")
    assert err.value.line == 2 and "unknown node '9'" in err.value.message
    with pytest.raises(ArgmapError) as err:
        argmap.loads('{"nodes": [}', format="aif")
    assert err.value.first.code == "AM001"


def test_aif_ids_are_sanitised_and_undercut_of_linked_ra() -> None:
    doc = """{"nodes": [
      {"nodeID": "t 1", "type": "I", "text": "T"}, {"nodeID": "p/1", "type": "I", "text": "P1"},
      {"nodeID": "p2", "type": "I", "text": "P2"}, {"nodeID": "u", "type": "I", "text": "U"},
      {"nodeID": "ra", "type": "RA", "text": "Default Inference"},
      {"nodeID": "ca", "type": "CA", "text": "Default Conflict"}],
     "edges": [{"fromID": "p/1", "toID": "ra"}, {"fromID": "p2", "toID": "ra"},
               {"fromID": "ra", "toID": "t 1"},
               {"fromID": "u", "toID": "ca"}, {"fromID": "ca", "toID": "ra"}]}"""
    amap = argmap.loads(doc, format="aif")
    assert list(amap) == ["t_1", "p_1", "p2", "u"]
    assert amap.graph.edges["p_1", "t_1"] == {"relation": "supports", "link": "ra"}
    assert amap.graph.edges["u", "t_1"] == {"relation": "undercuts", "premise": "p_1"}
    assert amap.kind("u") == "objection" and amap.kind("p2") == "reason"


ARGDOWN = """===
title: Cars
===

# Section

[Ban]: Cities should ban cars. #policy
  + <Air>: Cars pollute
    the air. {source: WHO}
  - <Jobs>: Jobs depend on cars.
    _ [Shift]: Jobs shift to transit.

<Air>

(1) Cars emit NO2.
(2) NO2 harms lungs.
----
(3) [Ban]
"""


def test_argdown_reads_structure() -> None:
    amap = argmap.loads(ARGDOWN, format="argdown", path="cars.argdown")
    assert amap.title == "Cars"
    assert amap.nodes_of("thesis") == ["Ban"]
    assert amap.node("Ban")["tags"] == ["policy"] and amap.node("Ban")["group"] == "Section"
    assert amap.node("Air")["text"] == "Cars pollute the air."
    assert amap.node("Air")["data"] == {"source": "WHO"}
    assert amap.relation("Air", "Ban") == "supports" and amap.relation("Jobs", "Ban") == "attacks"
    assert amap.graph.edges["Shift", "Ban"] == {"relation": "undercuts", "premise": "Jobs"}
    premises = [u for u, _, e in amap.edges() if e.get("link") == "Air"]
    assert len(premises) == 2 and amap.kind("Jobs") == "objection" and amap.kind("Shift") == "rebuttal"
    assert amap.location("Jobs").line == 10


def test_argdown_errors() -> None:
    with pytest.raises(ArgmapError) as err:
        argmap.loads("===\ntitle: [unclosed\n===\n[A]: a\n", format="argdown")
    assert err.value.line in (2, 3)  # libyaml reports the unclosed flow where the input ends
    with pytest.raises(ArgmapError) as err:
        argmap.loads("[A]: text {not: [valid\n", format="argdown")
    assert err.value.line == 1 and "YAML" in err.value.message


def test_kialo() -> None:
    text = ("Discussion Title: Ban cars?\n\n1. Ban cars.\n1.1. Pro: They pollute\nthe air.\n"
            "1.1.1. Con: Electric cars do not.\n1.2. Con: Deliveries.\n1.2.1. Pro: -> See 1.1.1.\n")
    amap = argmap.loads(text, format="kialo")
    assert amap.title == "Ban cars?"
    assert amap.node("1_1")["text"] == "They pollute the air."
    assert [amap.kind(n) for n in amap] == ["thesis", "reason", "objection", "objection"]
    assert amap.relation("1_1_1", "1_2") == "supports"  # the reused claim
    with pytest.raises(ArgmapError) as err:
        argmap.loads("Discussion Title: x\n\n1. T\n1.1. Pro: -> See 9.9.\n", format="kialo")
    assert err.value.line == 4


@pytest.mark.parametrize("fmt", READERS)
@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=300) | st.text(alphabet="<>/=\"'[]{}()#:+-_ \n1.aP", max_size=300).map(
    lambda s: s.encode()))
def test_readers_raise_only_argmap_errors(fmt: str, data: bytes) -> None:
    try:
        argmap.loads(data, format=fmt)
    except ArgmapError as exc:
        assert all(d.line >= 1 and d.column >= 1 and d.code for d in exc.diagnostics)


@pytest.mark.parametrize("fmt", ["microtexts", "graphml", "gexf"])
@pytest.mark.parametrize("declared", ["UT", "latin-1", "utf-16"])
def test_xml_encoding_declaration_does_not_matter(fmt: str, declared: str,
                                                  stalin: argmap.ArgumentMap) -> None:
    """Files are read as UTF-8 (anything else is a clear error before parsing); a wrong or garbled
    encoding in the XML declaration, found by the fuzzer, neither crashes nor changes the reading."""
    text = MICRO if fmt == "microtexts" else str(argmap.convert(stalin, fmt))
    declaration = text[:text.index("?>") + 2]
    changed = re.sub(r"""encoding=(['"])[^'"]*\1""", f"encoding='{declared}'", declaration, count=1)
    assert changed != declaration
    expected = argmap.loads(text, format=fmt)
    got = argmap.loads(changed + text[len(declaration):], format=fmt)
    assert list(got.graph.nodes(data=True)) == list(expected.graph.nodes(data=True))
    assert list(got.graph.edges(data=True)) == list(expected.graph.edges(data=True))


REVIEWED = """
title: T
review:
  - {by: Ms Lee, at: 2026-11-28, text: "Map <b>note</b> & \\"q\\" {x}"}
nodes:
  t:
    kind: thesis
    text: Thesis
    review: [{text: "n1 </script> ]] -->"}, {by: X, text: "line\\nbreak #(tag) [id]"}]
  r:
    kind: reason
    text: R
    supports: t
"""


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "aif", "argdown"])
def test_review_notes_are_kept_as_metadata(fmt: str) -> None:
    amap = argmap.loads(REVIEWED)
    back = argmap.loads(argmap.convert(amap, fmt), format=fmt)
    assert back.review == amap.review
    assert back.node("t")["review"] == amap.node("t")["review"]
    assert "review" not in back.node("r")


@pytest.mark.parametrize(("fmt", "text"), [
    ("aif", '{"nodes": [{"nodeID": "a", "text": "A", "type": "I", "argmap": {"kind": "thesis",'
            ' "review": [{"text": "ok", "at": "soon", "by": 3}, "bad", {"by": "x"}]}}], "edges": []}'),
    ("argdown", '[a]: A\n  {argmap: {kind: thesis, review: [{text: "ok", at: soon, by: 3}, bad, {by: x}]}}'),
])
def test_malformed_imported_notes_keep_only_what_is_well_formed(fmt: str, text: str) -> None:
    amap = argmap.loads(text, format=fmt)
    assert amap.node("a")["review"] == [{"text": "ok"}]


# -- what other tools write ---------------------------------------------------------------------
def test_argdown_text_may_start_on_the_line_after_the_title() -> None:
    text = ("[T]:\n  The thesis, on its own line. #policy\n\n"
            "<A>: \n  An argument's text on the next line #pro\n  and the line after.\n  +> [T]\n")
    amap = argmap.loads(text, format="argdown")
    assert amap.node("T")["text"] == "The thesis, on its own line." and amap.node("T")["tags"] == ["policy"]
    assert amap.node("A")["text"] == "An argument's text on the next line and the line after."
    assert amap.node("A")["tags"] == ["pro"] and amap.node("A")["label"] == "A"


def test_argdown_keeps_the_tags_of_every_description() -> None:
    text = ("[T]: The thesis.\n  + <A>: First words. #one\n\n<A>: Second words. #two #one\n"
            "\n[T]: Again. #(long term)\n")
    amap = argmap.loads(text, format="argdown")
    assert amap.node("A")["text"] == "First words." and amap.node("A")["tags"] == ["one", "two"]
    assert amap.node("T")["tags"] == ["long term"]


def test_argdown_drops_emphasis_markers_as_argdown_shows_text() -> None:
    amap = argmap.loads("[T]: Supported by __arguments__ and *reasons*, not snake_case_words.\n",
                        format="argdown")
    assert amap.node("T")["text"] == "Supported by arguments and reasons, not snake_case_words."


@pytest.mark.parametrize("text", ["[]: x #a\n  +> [b]\n", "[ ]: x\n", "< >: an argument\n"])
def test_argdown_empty_title_is_an_error(text: str) -> None:
    with pytest.raises(ArgmapError) as err:
        argmap.loads(text, format="argdown")
    assert err.value.first.code == "AM001" and "empty title" in err.value.message
    assert err.value.line == 1


IGRAPH_GRAPHML = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="g_title" for="graph" attr.name="title" attr.type="string"/>
<key id="v_kind" for="node" attr.name="kind" attr.type="string"/>
<key id="v_text" for="node" attr.name="text" attr.type="string"/>
<key id="v_confidence" for="node" attr.name="confidence" attr.type="string"/>
<key id="v_label" for="node" attr.name="label" attr.type="string"/>
<key id="v_tags" for="node" attr.name="tags" attr.type="string"/>
<key id="v_id" for="node" attr.name="id" attr.type="string"/>
<key id="e_relation" for="edge" attr.name="relation" attr.type="string"/>
<key id="e_premise" for="edge" attr.name="premise" attr.type="string"/>
<key id="e_link" for="edge" attr.name="link" attr.type="string"/>
<graph id="G" edgedefault="directed">
<data key="g_title">Bins</data>
<node id="n0"><data key="v_id">sort</data><data key="v_kind">thesis</data>
<data key="v_text">We should sort waste.</data>
<data key="v_confidence"></data><data key="v_label"></data><data key="v_tags"></data></node>
<node id="n1"><data key="v_id">saves</data><data key="v_kind">reason</data>
<data key="v_text">It saves resources.</data>
<data key="v_confidence">likely</data><data key="v_label">Resources</data>
<data key="v_tags">["a"]</data></node>
<edge source="n1" target="n0"><data key="e_relation">supports</data><data key="e_link"></data></edge>
<node id="n2"><data key="v_id"></data><data key="v_kind">objection</data><data key="v_text">Bins smell.</data>
</node>
<edge source="n2" target="n0"><data key="e_relation">undercuts</data><data key="e_premise">saves</data></edge>
</graph>
</graphml>
"""


def test_graphml_from_igraph_empty_values_are_absent() -> None:
    amap = argmap.loads(IGRAPH_GRAPHML, format="graphml")
    assert list(amap) == ["sort", "saves", "n2"] and amap.title == "Bins"  # ids from igraph's "id"
    assert amap.node("sort") == {"kind": "thesis", "text": "We should sort waste."}
    assert amap.node("saves")["confidence"] == "likely" and amap.node("saves")["tags"] == ["a"]
    assert amap.graph.edges["saves", "sort"] == {"relation": "supports"}
    assert amap.graph.edges["n2", "sort"] == {"relation": "undercuts", "premise": "saves"}


def test_gexf_through_networkx_keeps_labels_and_title(stalin: argmap.ArgumentMap) -> None:
    import io

    import networkx as nx

    amap = argmap.ArgumentMap(title=stalin.title)
    amap.graph = stalin.graph.copy()
    amap.add_node("plain", "claim", "A node without a label.")
    g = nx.read_gexf(io.BytesIO(str(argmap.convert(amap, "gexf")).encode("utf-8")))
    again = io.BytesIO()
    nx.write_gexf(g, again)
    back = argmap.loads(again.getvalue(), format="gexf")
    assert back.title == stalin.title
    assert [back.node(n).get("label") for n in back] == [amap.node(n).get("label") for n in amap]
    assert [back.node(n)["text"] for n in back] == [amap.node(n)["text"] for n in amap]


def test_aif_check_keeps_only_what_argmap_reads() -> None:
    import json

    doc = {"nodes": [{"nodeID": "a", "text": "A", "type": "I"}], "edges": [], "locutions": [],
           "argmap": {"check": {"ignore": ["am203"], "bogus": ["x"], "select": "AM201"}}}
    amap = argmap.loads(json.dumps(doc), format="aif")
    assert amap.check_config == {"ignore": ["AM203"], "select": ["AM201"]}
    assert argmap.loads(argmap.convert(amap, "yaml"), format="yaml").check_config == amap.check_config


def _graphml(graph_data: str = "", nodes: int = 2, node_data: str = "") -> str:
    keys = "".join(f'<key id="{k}" for="{w}" attr.name="{k}" attr.type="string"/>' for k, w in (
        ("kinds", "graph"), ("check", "graph"), ("kind", "node"), ("text", "node"), ("data", "node"),
        ("relation", "edge")))
    ns = "".join(f'<node id="n{i}"><data key="kind">{"thesis" if i == 0 else "reason"}</data>'
                 f'<data key="text">t{i}</data>{node_data if i == 0 else ""}</node>' for i in range(nodes))
    es = "".join(f'<edge source="n{i}" target="n0"><data key="relation">supports</data></edge>'
                 for i in range(1, nodes))
    return (f'<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">{keys}'
            f'<graph edgedefault="directed">{graph_data}{ns}{es}</graph></graphml>')


@pytest.mark.parametrize(("field", "value"), [
    ("kinds", "5"), ("kinds", "null"), ("kinds", "[1]"), ("kinds", '{"reason": 3}'), ("kinds", '{"x": "y"}'),
    ("check", "7"), ("check", "null"), ("check", '["AM202"]'), ("check", '{"ignore": {"a": 1}}'),
    ("check", '{"ignore": [1]}'), ("check", '{"colour": ["AM202"]}'),
])
def test_graph_level_kinds_and_check_are_type_checked(field: str, value: str) -> None:
    with pytest.raises(ArgmapError) as err:
        argmap.loads(_graphml(f'<data key="{field}">{value}</data>'), format="graphml")
    assert err.value.first.code == "AM006" and f"'{field}'" in err.value.first.message


def test_graph_level_fields_that_are_right_are_kept() -> None:
    amap = argmap.loads(_graphml('<data key="kinds">{"reason": "Motive"}</data>'
                                 '<data key="check">{"ignore": ["AM202"]}</data>'), format="graphml")
    assert amap.kind_names == {"reason": "Motive"} and amap.check_config == {"ignore": ["AM202"]}


@pytest.mark.parametrize(("data", "code"), [
    ('{"a":' * 100 + "1" + "}" * 100, "AM009"), ('{"a": NaN}', "AM006"), ('{"a": 1e999}', "AM006"),
    ('{"a": ' + "9" * 4400 + "}", "AM006"), ('{"a": "\\ud800"}', "AM002"),
])
def test_json_inside_graphml_has_the_native_limits(data: str, code: str) -> None:
    with pytest.raises(ArgmapError) as err:
        argmap.loads(_graphml(node_data=f'<data key="data">{data}</data>'), format="graphml")
    assert err.value.first.code == code


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "aif", "argdown", "yaml", "json"])
def test_max_nodes_is_honoured_by_every_reader(fmt: str, stalin: argmap.ArgumentMap) -> None:
    from argmap.options import Limits, LoadOptions

    text = argmap.convert(stalin, fmt)
    enough = LoadOptions(limits=Limits(max_nodes=len(stalin)), load_essay=False)
    assert len(argmap.loads(text, format=fmt, options=enough))
    with pytest.raises(ArgmapError) as err:
        argmap.loads(text, format=fmt, options=LoadOptions(limits=Limits(max_nodes=10)))
    assert err.value.first.code == "AM009" and "more than 10 nodes" in err.value.first.message


@pytest.mark.parametrize(("fmt", "text"), [
    ("microtexts", MICRO),
    ("kialo", "Discussion Title: t\n\n1. T\n1.1. Pro: a\n1.2. Pro: b\n1.3. Con: c\n"),
])
def test_max_nodes_for_the_corpus_readers(fmt: str, text: str) -> None:
    from argmap.options import Limits, LoadOptions

    with pytest.raises(ArgmapError) as err:
        argmap.loads(text, format=fmt, options=LoadOptions(limits=Limits(max_nodes=2)))
    assert err.value.first.code == "AM009"


@pytest.mark.parametrize(("fmt", "text", "code"), [
    ("aif", '{"nodes": [{"nodeID": ' + "1" * 4400 + ', "text": "x", "type": "I"}], "edges": []}', "AM006"),
    ("aif", '{"nodes": [{"nodeID": "1", "text": "x", "type": "I", "w": NaN}], "edges": []}', "AM006"),
    ("aif", '{"nodes": [{"nodeID": "1", "text": "x\\udfff", "type": "I"}], "edges": []}', "AM002"),
    ("argdown", "===\ntitle: t\ndata: .nan\n===\n\n[T]: The thesis.\n", "AM006"),
])
def test_interchange_readers_refuse_what_no_output_can_hold(fmt: str, text: str, code: str) -> None:
    with pytest.raises(ArgmapError) as err:
        argmap.loads(text, format=fmt)
    assert err.value.first.code == code
