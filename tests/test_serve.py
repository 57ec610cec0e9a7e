"""``argmap serve``: the map edited in the page, every edit checked and saved to its file at once."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import PAYLOADS, run_until_ctrl_c

import argmap

MAP = """\
# Homework: a map with comments, which every edit must keep
argmap: 1
title: Homework
nodes:
  # the answer to the question
  thesis:
    kind: thesis
    text: Homework should be shorter.

  tired:   # the main reason
    kind: reason
    label: Tired pupils
    text: Long homework leaves pupils tired.
    supports: thesis

  sport:
    kind: reason
    text: "Long homework leaves no time for sport."
    supports: thesis
"""


@pytest.fixture
def served(tmp_path: Path, live_server: Any, open_live: Any) -> tuple[Path, Any]:
    path = tmp_path / "homework.yaml"
    path.write_text(MAP, encoding="utf-8")
    live = live_server(path, "serve")
    page = open_live(live.url)
    page.wait_for_selector("body[data-editing]", state="attached")
    return path, page


def nodes(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["nodes"]  # type: ignore[no-any-return]


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines taken out and put in between two texts."""
    removed, added = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def version(page: Any) -> int:
    return int(page.js("argmap.live.version()"))


def reloaded(page: Any, old: int) -> None:
    """Wait until the page has reloaded with a newer version of the map."""
    page.wait_for_function(
        "v => !!(window.argmap && argmap.live && argmap.live.version() > v"
        " && document.body.hasAttribute('data-editing'))", arg=old, timeout=15_000)


def edit(page: Any, expression: str, arg: Any = None) -> Any:
    """Run one ``argmap.edit`` call; wait for the page to show the saved map; its result."""
    old = version(page)
    result = page.js(expression, arg)
    reloaded(page, old)
    return result


def refused(page: Any, expression: str) -> dict[str, Any]:
    """Run an ``argmap.edit`` call that must be refused; its rejection."""
    result = page.js(f"({expression}).then(() => null, e => e)")
    assert result is not None, f"{expression} was not refused"
    return result  # type: ignore[no-any-return]


def weak_spots(page: Any) -> list[tuple[str | None, str]]:
    return [(w["node"], w["code"]) for w in page.js("argmap.weakSpots()")]


def weak_spots_of(path: Path) -> list[tuple[str | None, str]]:
    return [(d.node, d.code) for d in argmap.check(argmap.load(str(path))) if d.severity != "error"]


def node_at(page: Any, node: str) -> tuple[float, float]:
    """Where a node is on the screen."""
    box = page.locator("#map canvas").bounding_box()
    at = page.js("id => { const v = argmap.visId(id); "
                 "return argmap.network.canvasToDOM(argmap.network.getPositions([v])[v]); }", node)
    return box["x"] + at["x"], box["y"] + at["y"]


def click_node(page: Any, node: str) -> None:
    """A real mouse click on a node of the map."""
    page.mouse.click(*node_at(page, node))
    page.wait_for_function("id => argmap.selected() === id", arg=node, timeout=5000)


@pytest.mark.browser
def test_main_paths_by_clicks_and_keys(served: tuple[Path, Any]) -> None:
    path, page = served
    original = path.read_text(encoding="utf-8")

    # add evidence under a reason: click the reason, the Add button, type, save with the button
    click_node(page, "tired")
    page.click("#edit-add")
    assert page.input_value("#edit-kind") == "evidence" and page.input_value("#edit-relation") == "supports"
    page.keyboard.type("Pupils in the survey slept 40 minutes less on homework nights.")
    page.fill("#edit-label", "Sleep survey")
    page.fill("#edit-source", "class survey, 2024")
    old = version(page)
    page.click("#edit-save")
    reloaded(page, old)
    new_id = page.js("argmap.selected()")
    assert new_id == "sleep_survey"
    assert nodes(path)[new_id] == {"kind": "evidence", "label": "Sleep survey",
                                   "text": "Pupils in the survey slept 40 minutes less on homework nights.",
                                   "source": "class survey, 2024", "supports": "tired"}
    removed, added = changed_lines(original, path.read_text(encoding="utf-8"))
    assert removed == [] and all(line in path.read_text(encoding="utf-8") for line in original.splitlines())
    assert weak_spots(page) == weak_spots_of(path)  # the badges follow the file
    after_add = path.read_text(encoding="utf-8")

    # edit its text: F2 opens the form on the selected node, Ctrl+Enter saves
    page.locator("#map").focus()
    page.keyboard.press("F2")
    page.locator("#edit-text").fill("Pupils slept 40 minutes less on homework nights.")
    old = version(page)
    page.keyboard.press("Control+Enter")
    reloaded(page, old)
    assert nodes(path)[new_id]["text"] == "Pupils slept 40 minutes less on homework nights."
    removed, added = changed_lines(after_add, path.read_text(encoding="utf-8"))
    assert len(removed) == 1 and len(added) == 1 and "text:" in added[0]
    after_edit = path.read_text(encoding="utf-8")

    # link it to the other reason from the menu
    page.click("#edit-link")
    page.select_option("#edit-target", "sport")
    old = version(page)
    page.click("#edit-save")
    reloaded(page, old)
    assert ("sleep_survey", "sport") in argmap.load(str(path)).graph.edges
    assert ("sleep_survey", "tired") in argmap.load(str(path)).graph.edges
    after_link = path.read_text(encoding="utf-8")
    assert changed_lines(after_edit, after_link)[0] == ["    supports: tired"]

    # remove it with the Delete key, then undo with Ctrl+Z: the file is as before, byte for byte
    page.locator("#map").focus()
    old = version(page)
    page.keyboard.press("Delete")
    reloaded(page, old)
    assert "sleep_survey" not in nodes(path)
    assert "sleep_survey" not in path.read_text(encoding="utf-8")
    old = version(page)
    page.keyboard.press("Control+z")
    reloaded(page, old)
    assert path.read_text(encoding="utf-8") == after_link
    # redo with its button, undo again by key
    old = version(page)
    page.click("#edit-redo")
    reloaded(page, old)
    assert "sleep_survey" not in nodes(path)
    old = version(page)
    page.keyboard.press("Control+z")
    reloaded(page, old)
    assert path.read_text(encoding="utf-8") == after_link
    for _ in range(3):
        edit(page, "argmap.edit.undo()")
    assert path.read_text(encoding="utf-8") == original
    assert page.errors == [] and page.requests == []


@pytest.mark.browser
def test_a_link_drawn_with_the_mouse(served: tuple[Path, Any]) -> None:
    path, page = served
    before = path.read_text(encoding="utf-8")
    page.click("#edit-draw")
    assert page.get_attribute("#edit-draw", "aria-pressed") == "true"
    page.mouse.move(*node_at(page, "sport"))
    page.mouse.down()
    x, y = node_at(page, "tired")
    page.mouse.move(x, y, steps=8)
    old = version(page)
    page.mouse.up()
    reloaded(page, old)
    assert nodes(path)["sport"]["supports"] == ["thesis", "tired"]
    removed, added = changed_lines(before, path.read_text(encoding="utf-8"))
    assert removed == ["    supports: thesis"] and len(added) >= 1
    assert page.errors == []


@pytest.mark.browser
def test_every_edit_through_the_page_api(served: tuple[Path, Any]) -> None:
    path, page = served
    original = path.read_text(encoding="utf-8")
    new_id = edit(page, """argmap.edit.add({id: 'habit', kind: 'objection',
        text: 'Homework builds a habit of study.', label: 'Study habit', confidence: 'possible',
        source: 'teacher', attacks: 'thesis'})""")
    assert new_id == "habit"
    assert nodes(path)["habit"] == {"kind": "objection", "label": "Study habit",
                                    "text": "Homework builds a habit of study.", "confidence": "possible",
                                    "source": "teacher", "attacks": "thesis"}
    assert path.read_text(encoding="utf-8").startswith(original.rstrip("\n"))

    edit(page, "argmap.edit.update('habit', {label: null, confidence: 'likely', note: 'ask the class'})")
    assert nodes(path)["habit"] == {"kind": "objection", "text": "Homework builds a habit of study.",
                                    "confidence": "likely", "source": "teacher", "note": "ask the class",
                                    "attacks": "thesis"}
    rebuttal = edit(page, "argmap.edit.add({kind: 'rebuttal', text: 'A habit needs minutes, not hours.'})")
    edit(page, f"argmap.edit.link('{rebuttal}', 'habit', 'attacks')")
    assert nodes(path)[rebuttal]["attacks"] == "habit"
    edit(page, f"argmap.edit.unlink('{rebuttal}', 'habit')")
    assert "attacks" not in nodes(path)[rebuttal]
    edit(page, "argmap.edit.remove('habit')")
    assert "habit" not in nodes(path)
    edit(page, "argmap.edit.undo()")
    assert nodes(path)["habit"]["note"] == "ask the class"
    edit(page, "argmap.edit.redo()")
    assert "habit" not in nodes(path)
    assert page.js("argmap.data.nodes.map(r => r[0])") == ["thesis", "tired", "sport", rebuttal]
    # weak spots follow the file: the new rebuttal attacks nothing and supports nothing
    assert weak_spots(page) == weak_spots_of(path) and rebuttal in {n for n, _ in weak_spots(page)}
    assert page.errors == []


@pytest.mark.browser
def test_invalid_edits_are_refused_with_the_checks_message_and_nothing_written(
        served: tuple[Path, Any]) -> None:
    path, page = served
    before = path.read_bytes()
    cases = {
        "argmap.edit.add({kind: 'opinion', text: 'x', supports: 'thesis'})":
            ("AM104", "unknown kind 'opinion'"),
        "argmap.edit.add({kind: 'reason', text: '', supports: 'thesis'})": ("AM", "text"),
        "argmap.edit.update('nobody', {text: 'x'})": ("AM101", "unknown node 'nobody'"),
        "argmap.edit.link('thesis', 'tired')": ("AM201", "circular support"),
        "argmap.edit.add({id: 'tired', kind: 'reason', text: 'again'})": ("AM103", "duplicate node id"),
        "argmap.edit.update('tired', {colour: 'red'})": ("AM106", "unknown field 'colour'"),
    }
    for call, (code, words) in cases.items():
        error = refused(page, call)
        assert error["code"].startswith(code), (call, error)
        assert words in error["message"], (call, error)
    assert refused(page, "argmap.edit.undo()")["code"] == "nothing"
    assert path.read_bytes() == before
    assert not (path.parent / (path.name + ".bak")).exists()
    # the UI shows the same message
    page.click("#edit-add")
    page.click("#edit-save")  # empty text
    page.wait_for_function("() => document.getElementById('edit-status').className.includes('error')")
    assert "text" in page.text_content("#edit-status")
    assert path.read_bytes() == before


@pytest.mark.browser
def test_outside_changes_are_never_lost(served: tuple[Path, Any]) -> None:
    path, page = served
    page.js("argmap.live.hold()")  # an edit in flight: the page may not reload under it
    outside = MAP.replace("Homework should be shorter.", "Homework should be shorter, said Sam.")
    path.write_text(outside, encoding="utf-8")
    error = refused(page, "argmap.edit.update('tired', {text: 'Pupils are tired.'})")
    assert error["code"] == "conflict" and "changed on disk" in error["message"]
    assert path.read_text(encoding="utf-8") == outside
    old = version(page)
    page.js("argmap.live.release()")
    reloaded(page, old)
    assert page.js("argmap.data.nodes[0][5]") == "Homework should be shorter, said Sam."
    assert "changed on disk" in page.text_content("#edit-status")
    edit(page, "argmap.edit.update('tired', {text: 'Pupils are tired.'})")
    assert nodes(path)["thesis"]["text"] == "Homework should be shorter, said Sam."
    assert nodes(path)["tired"]["text"] == "Pupils are tired."
    # an undo over an outside change is refused too
    page.js("argmap.live.hold()")
    changed = path.read_text(encoding="utf-8").replace("said Sam", "said Kim")
    path.write_text(changed, encoding="utf-8")
    assert refused(page, "argmap.edit.undo()")["code"] == "conflict"
    assert path.read_text(encoding="utf-8") == changed
    page.js("argmap.live.release()")


@pytest.mark.browser
def test_an_open_form_survives_an_outside_change(served: tuple[Path, Any]) -> None:
    path, page = served
    click_node(page, "tired")
    page.click("#edit-edit")
    page.fill("#edit-text", "Pupils are worn out.")
    outside = MAP.replace("Homework should be shorter.", "Homework should be shorter, said Sam.")
    path.write_text(outside, encoding="utf-8")
    page.wait_for_function("() => document.body.getAttribute('data-live-version') === '2'", timeout=5000)
    assert page.input_value("#edit-text") == "Pupils are worn out."  # no reload under the form
    page.wait_for_function("() => document.getElementById('edit-status').textContent.includes('on disk')",
                           timeout=5000)
    old = version(page)
    page.click("#edit-save")
    reloaded(page, old)
    assert path.read_text(encoding="utf-8") == outside  # refused: the outside change stays
    assert "changed on disk" in page.text_content("#edit-status")
    assert page.input_value("#edit-text") == "Pupils are worn out."  # the edit is back in the form
    assert page.js("argmap.data.nodes[0][5]") == "Homework should be shorter, said Sam."
    old = version(page)
    page.click("#edit-save")
    reloaded(page, old)
    assert nodes(path)["tired"]["text"] == "Pupils are worn out."
    assert nodes(path)["thesis"]["text"] == "Homework should be shorter, said Sam."


@pytest.mark.browser
def test_payload_texts_are_saved_as_text_and_run_no_script(served: tuple[Path, Any]) -> None:
    path, page = served
    markup = "() => document.querySelectorAll('img, svg, iframe, object, embed, script').length"
    elements = page.js(markup)
    ids = []
    for i, text in enumerate(PAYLOADS):
        node = {"id": f"p{i}", "kind": "claim", "text": text, "label": text, "supports": "thesis"}
        ids.append(edit(page, "node => argmap.edit.add(node)", node))
    saved = nodes(path)
    loaded = argmap.load(str(path))
    for node_id, text in zip(ids, PAYLOADS, strict=True):
        assert saved[node_id]["text"] == text and loaded.node(node_id)["text"] == text
    for node_id, text in zip(ids, PAYLOADS, strict=True):
        page.js("id => argmap.select(id)", node_id)
        assert page.text_content("#d-text") == text
    assert page.dialogs == [] and page.errors == [] and page.requests == []
    assert page.js(markup) == elements


def test_serve_command_stops_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "homework.yaml"
    path.write_text(MAP, encoding="utf-8")
    first, rest, status = run_until_ctrl_c(["serve", str(path)])
    assert first.startswith(f"editing {path} at http://127.0.0.1:")
    assert status == 0 and rest.strip() == "stopped"
    assert path.read_text(encoding="utf-8") == MAP


@pytest.mark.parametrize(("name", "text", "code"), [
    ("missing.yaml", None, "AM011"),
    ("map.argdown", "# Title\n\n[T]: A thesis.\n", "AM010"),
    ("broken.yaml", "nodes:\n  a: [\n", "AM001"),
])
@pytest.mark.timeout(60)  # a file wrongly accepted would be served until the guard stops it
def test_serve_refuses_a_file_it_cannot_edit(tmp_path: Path, name: str, text: str | None, code: str) -> None:
    from click.testing import CliRunner

    from cli import cli

    path = tmp_path / name
    if text is not None:
        path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["serve", str(path)])
    assert result.exit_code == 1
    assert f"{path}:" in result.output and code in result.output and "Traceback" not in result.output
