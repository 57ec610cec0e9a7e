"""``argmap watch``: the page follows every save of the map (and its essay) by itself."""

from __future__ import annotations

import http.client
from pathlib import Path
from typing import Any

import pytest
from conftest import run_until_ctrl_c

MAP = """\
title: Live
essay: essay.txt
nodes:
  thesis:
    kind: thesis
    text: Homework should be shorter.
  tired:
    kind: reason
    text: Long homework leaves pupils tired.
    supports: thesis
  survey:
    kind: evidence
    text: Most pupils in the survey slept less on homework nights.
    source: class survey
    supports: tired
"""
ESSAY = "Homework should be shorter, because long homework leaves pupils tired.\n"
#: two mistakes at once: every one must be shown
BROKEN = MAP.replace("kind: reason", "kind: reasn").replace("supports: tired", "supports: tierd")


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def served(tmp_path: Path, live_server: Any, open_live: Any) -> tuple[Path, Any]:
    """MAP and its essay written to ``tmp_path``, watched, and its page opened: the map's path and
    the page."""
    path = tmp_path / "map.yaml"
    write(path, MAP)
    write(tmp_path / "essay.txt", ESSAY)
    return path, open_live(live_server(path).url)


def new_text(page: Any, text: str, timeout: float = 2000) -> None:
    """Wait (at most ``timeout`` ms) until the page shows a map with a statement saying ``text``."""
    page.wait_for_function(
        "t => !!(window.argmap && window.argmap.data.nodes.some(r => r[5] === t))", arg=text,
        timeout=timeout)


@pytest.mark.browser
def test_saved_change_appears_and_keeps_selection_and_zoom(tmp_path: Path, live_server: Any,
                                                         open_live: Any) -> None:
    path, page = served(tmp_path, live_server, open_live)
    page.js("argmap.select('tired')")
    page.js("argmap.network.moveTo({position: {x: 40, y: -20}, scale: 1.7, animation: false})")
    write(path, MAP.replace("leaves pupils tired", "leaves pupils exhausted"))
    new_text(page, "Long homework leaves pupils exhausted.")
    page.wait_for_selector("body[data-drawn]", state="attached")
    assert page.js("argmap.selected()") == "tired"
    assert page.js("argmap.network.getScale()") == pytest.approx(1.7)
    position = page.js("argmap.network.getViewPosition()")
    assert position["x"] == pytest.approx(40) and position["y"] == pytest.approx(-20)
    assert page.requests == [] and page.errors == []


@pytest.mark.browser
def test_broken_save_shows_every_error_then_the_next_good_save_clears_it(
        tmp_path: Path, live_server: Any, open_live: Any) -> None:
    path, page = served(tmp_path, live_server, open_live)
    write(path, BROKEN)
    page.wait_for_selector("#live-errors", timeout=2000)
    lines = page.locator("#live-errors li").all_text_contents()
    assert len(lines) == 2
    assert lines[0].startswith(f"{path}:8:11: ") and "reasn" in lines[0]
    assert lines[1].startswith(f"{path}:15:15: ") and "tierd" in lines[1]
    assert page.js("argmap.data.nodes.length") == 3  # the last good map stays
    write(path, MAP.replace("Homework should be shorter.", "Homework should be much shorter."))
    new_text(page, "Homework should be much shorter.")
    assert page.locator("#live-errors").count() == 0
    assert page.errors == []


@pytest.mark.browser
def test_saving_the_essay_updates_the_page(tmp_path: Path, live_server: Any, open_live: Any) -> None:
    path, page = served(tmp_path, live_server, open_live)
    page.js("argmap.showView('matrix')")
    write(tmp_path / "essay.txt", "A new first line.\n" + ESSAY)
    page.wait_for_function("() => window.argmap && argmap.data.essay.text.startsWith('A new')",
                           timeout=2000)
    page.wait_for_selector("body[data-live]", state="attached")
    assert page.get_attribute("body", "data-view") == "matrix"  # the view is kept too


def request(live: Any, method: str, path: str, headers: dict[str, str], body: str = "") -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", live.server.port, timeout=10)
    try:
        conn.putrequest(method, path, skip_host=True)
        for key, value in headers.items():
            conn.putheader(key, value)
        conn.putheader("Content-Length", str(len(body.encode())))
        conn.endheaders(body.encode())
        response = conn.getresponse()
        return response.status, response.read().decode()
    finally:
        conn.close()


@pytest.mark.parametrize("host", ["evil.example:{port}", "127.0.0.1", "localhost:1",
                                  "127.0.0.1.nip.io:{port}", ""])
def test_foreign_host_is_refused(tmp_path: Path, live_server: Any, host: str) -> None:
    path = tmp_path / "map.yaml"
    write(path, MAP)
    write(tmp_path / "essay.txt", ESSAY)
    live = live_server(path)
    port = live.server.port
    headers = {"Host": host.format(port=port)} if host else {}
    for route in ("/", f"/state?token={live.session.token}"):
        status, body = request(live, "GET", route, headers)
        assert status == 403 and "argmap" not in body.lower()
    assert request(live, "GET", "/", {"Host": f"localhost:{port}"})[0] == 200


def test_watch_command_prints_its_address_and_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    write(path, MAP)
    write(tmp_path / "essay.txt", ESSAY)

    def the_page_is_served(first: str) -> None:
        assert first.startswith(f"watching {path} at http://127.0.0.1:")
        port = int(first.split("127.0.0.1:")[1].split("/")[0])
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/")
        assert conn.getresponse().status == 200
        conn.close()

    _, rest, status = run_until_ctrl_c(["watch", str(path)], the_page_is_served)
    assert status == 0
    assert rest.strip().endswith("stopped") and "Traceback" not in rest


def test_a_port_in_use_is_a_user_error(tmp_path: Path, live_server: Any, cli_run: Any) -> None:
    path = tmp_path / "map.yaml"
    write(path, MAP)
    write(tmp_path / "essay.txt", ESSAY)
    live = live_server(path)
    result = cli_run("watch", str(path), "--port", str(live.server.port))
    assert result.returncode == 1
    assert f"{path}:1:1: AM040 cannot listen on 127.0.0.1:{live.server.port}" in result.stderr
    assert "Traceback" not in result.stderr
