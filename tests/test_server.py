"""argmap.server: what the local server accepts, refuses and writes (no browser needed)."""

from __future__ import annotations

import http.client
import json
from pathlib import Path
from typing import Any

import pytest

from argmap.server.editing import Editor, EditRefused
from argmap.server.session import Session

MAP = """\
# comments stay
title: Homework
nodes:
  thesis:
    kind: thesis
    text: Homework should be shorter.
  tired:
    kind: reason
    text: Long homework leaves pupils tired.
    supports: thesis
"""


@pytest.fixture
def map_path(tmp_path: Path) -> Path:
    path = tmp_path / "homework.yaml"
    path.write_text(MAP, encoding="utf-8")
    return path


def call(live: Any, method: str, route: str, *, host: str | None = None, origin: str | None = None,
         token: str | None = None, body: Any = None,
         content_type: str = "application/json") -> tuple[int, Any]:
    """One raw request, every header spelled out (http.client adds none we did not ask for)."""
    port = live.server.port
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    data = b"" if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    try:
        conn.putrequest(method, route, skip_host=True, skip_accept_encoding=True)
        conn.putheader("Host", host if host is not None else f"127.0.0.1:{port}")
        if origin is not None:
            conn.putheader("Origin", origin)
        if token is not None:
            conn.putheader("X-Argmap-Token", token)
        if method == "POST":
            conn.putheader("Content-Type", content_type)
            conn.putheader("Content-Length", str(len(data)))
        conn.endheaders(data or None)
        response = conn.getresponse()
        raw = response.read()
        try:
            return response.status, json.loads(raw)
        except ValueError:
            return response.status, raw.decode("utf-8", "replace")
    finally:
        conn.close()


def good_edit(live: Any) -> dict[str, Any]:
    return {"op": "update", "args": {"id": "tired", "fields": {"text": "Pupils are tired."}},
            "base": live.session.version.digest}


def test_a_well_formed_edit_is_saved(map_path: Path, live_server: Any) -> None:
    live = live_server(map_path, "serve")
    origin = f"http://127.0.0.1:{live.server.port}"
    status, answer = call(live, "POST", "/edit", origin=origin, token=live.session.token,
                          body=good_edit(live))
    assert status == 200 and answer["ok"] and answer["version"] == 2
    assert "text: Pupils are tired." in map_path.read_text(encoding="utf-8")
    assert map_path.read_text(encoding="utf-8").startswith("# comments stay\n")
    # localhost is this server too
    origin = f"http://localhost:{live.server.port}"
    edit = {**good_edit(live), "args": {"id": "tired", "fields": {"text": "Pupils are very tired."}}}
    status, _ = call(live, "POST", "/edit", host=f"localhost:{live.server.port}", origin=origin,
                     token=live.session.token, body=edit)
    assert status == 200


@pytest.mark.parametrize("attack", ["foreign origin", "null origin", "no origin", "foreign host", "no token",
                                    "wrong token", "rebinding"])
def test_a_replayed_save_request_is_refused_and_changes_nothing(map_path: Path, live_server: Any,
                                                                attack: str) -> None:
    live = live_server(map_path, "serve")
    port = live.server.port
    headers: dict[str, Any] = {"origin": f"http://127.0.0.1:{port}", "token": live.session.token}
    if attack == "foreign origin":
        headers["origin"] = "http://evil.example"
    elif attack == "null origin":
        headers["origin"] = "null"
    elif attack == "no origin":
        headers["origin"] = None
    elif attack == "foreign host":
        headers["host"] = f"evil.example:{port}"
    elif attack == "rebinding":  # a page at evil.example whose name now points at 127.0.0.1
        headers["host"] = f"evil.example:{port}"
        headers["origin"] = f"http://evil.example:{port}"
    elif attack == "no token":
        headers["token"] = None
    else:
        headers["token"] = live.session.token[:-2] + "xx"
    status, answer = call(live, "POST", "/edit", body=good_edit(live), **headers)
    assert status == 403 and answer["code"] == "forbidden"
    assert map_path.read_text(encoding="utf-8") == MAP
    assert live.session.version.number == 1


def test_only_its_own_routes(map_path: Path, live_server: Any) -> None:
    live = live_server(map_path, "serve")
    for route in ("/homework.yaml", "/../homework.yaml", "/%2e%2e/etc/passwd", "/events/../homework.yaml",
                  "//etc/passwd"):
        status, _ = call(live, "GET", route)
        assert status == 404
    assert call(live, "GET", "/events")[0] == 403  # the stream needs the token too
    assert call(live, "GET", "/state?token=nope")[0] == 403
    status, state = call(live, "GET", f"/state?token={live.session.token}")
    assert status == 200 and state == {"version": 1, "digest": live.session.version.digest, "ok": True,
                                       "errors": []}


def test_the_page_carries_the_token_and_a_policy_that_allows_only_itself(map_path: Path,
                                                                          live_server: Any) -> None:
    from argmap.writers.html import unpack_data

    live = live_server(map_path, "serve")
    conn = http.client.HTTPConnection("127.0.0.1", live.server.port, timeout=10)
    conn.request("GET", "/")
    response = conn.getresponse()
    page = response.read().decode()
    conn.close()
    policy = response.getheader("Content-Security-Policy")
    assert "connect-src 'self'" in policy and "default-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "connect-src 'self'" in page and "http" not in policy
    assert live.session.token in page and 'id="argmap-live"' in page
    assert [row[0] for row in unpack_data(page)["nodes"]] == ["thesis", "tired"]


def test_a_rendered_file_stays_read_only(map_path: Path) -> None:
    import argmap

    page = argmap.render(argmap.load(str(map_path)))
    assert 'id="argmap-live"' not in page and "argmap.edit" not in page and "EventSource" not in page
    assert "connect-src 'none'" in page


def test_watch_mode_does_not_edit(map_path: Path, live_server: Any) -> None:
    live = live_server(map_path, "watch")
    status, answer = call(live, "POST", "/edit", origin=f"http://127.0.0.1:{live.server.port}",
                          token=live.session.token, body=good_edit(live))
    assert status == 404 and answer["code"] == "not-found"
    assert map_path.read_text(encoding="utf-8") == MAP


@pytest.mark.parametrize(("body", "content_type", "status"), [
    (b"not json", "application/json", 400),
    (b"[1, 2]", "application/json", 400),
    (b'{"op": "update"}', "text/plain", 415),
    (b"", "application/json", 413),
    (b'{"op": "format_disk", "args": {}}', "application/json", 400),
    (b'{"op": "update", "args": [1]}', "application/json", 400),
    (b'{"op": "update", "args": {"id": 3, "fields": {}}}', "application/json", 400),
])
def test_malformed_requests_are_refused(map_path: Path, live_server: Any, body: bytes, content_type: str,
                                        status: int) -> None:
    live = live_server(map_path, "serve")
    if b'"op"' in body and content_type == "application/json":
        body = body[:-1] + b', "base": "' + live.session.version.digest.encode() + b'"}'
    got, answer = call(live, "POST", "/edit", origin=f"http://127.0.0.1:{live.server.port}",
                       token=live.session.token, body=body, content_type=content_type)
    assert got == status and answer["code"] == "bad-request"
    assert map_path.read_text(encoding="utf-8") == MAP


# -- the editor ------------------------------------------------------------------------------------------
def test_undo_and_redo_restore_the_file_byte_for_byte(map_path: Path) -> None:
    session = Session(str(map_path), "serve")
    editor = Editor(session)
    first = editor.apply("add", {"node": {"kind": "evidence", "text": "A survey.", "supports": "tired"}},
                         session.version.digest)
    assert first["result"] == "survey"
    after_add = map_path.read_bytes()
    second = editor.apply("remove", {"id": "tired"}, first["digest"])
    assert b"tired" not in map_path.read_bytes().split(b"survey")[0]
    editor.undo(second["digest"])
    assert map_path.read_bytes() == after_add
    editor.undo(session.version.digest)
    assert map_path.read_text(encoding="utf-8") == MAP
    editor.redo(session.version.digest)
    assert map_path.read_bytes() == after_add
    with pytest.raises(EditRefused) as wrong_base:
        editor.redo(first["digest"][::-1])
    assert wrong_base.value.code == "conflict"
    # a new edit ends the redo history
    editor.apply("update", {"id": "survey", "fields": {"text": "A class survey."}}, session.version.digest)
    with pytest.raises(EditRefused) as nothing:
        editor.redo(session.version.digest)
    assert nothing.value.code == "nothing"


def test_an_edit_on_an_old_version_is_a_conflict_and_writes_nothing(map_path: Path) -> None:
    session = Session(str(map_path), "serve")
    editor = Editor(session)
    old = session.version.digest
    outside = MAP.replace("Homework should be shorter.", "Homework should go.")
    map_path.write_text(outside, encoding="utf-8")
    with pytest.raises(EditRefused) as refused:
        editor.apply("update", {"id": "tired", "fields": {"text": "x"}}, old)
    assert refused.value.code == "conflict" and refused.value.status == 409
    assert map_path.read_text(encoding="utf-8") == outside
    assert session.version.number == 2  # the server noticed the outside change


def test_a_broken_map_at_start_gives_a_page_and_its_errors(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("nodes:\n  a:\n    kind: thesys\n    text: x\n  b:\n    kind: reason\n", encoding="utf-8")
    session = Session(str(path), "watch")
    assert not session.version.state()["ok"]
    errors = session.version.state()["errors"]
    assert [(e["line"], e["column"], e["code"]) for e in errors] == [(3, 11, "AM104"), (5, 3, "AM105")]
    assert 'id="argmap-live"' in session.page
    path.write_text("nodes:\n  a:\n    kind: thesis\n    text: x\n", encoding="utf-8")
    assert session.refresh().state()["ok"] and session.version.number == 2
    assert session.refresh().number == 2  # the same bytes are not a new version


def test_a_json_map_stays_json(tmp_path: Path) -> None:
    path = tmp_path / "homework.json"
    doc = {"title": "Homework", "nodes": {"thesis": {"kind": "thesis", "text": "Shorter homework."}}}
    path.write_text(json.dumps(doc, indent=4) + "\n", encoding="utf-8")
    session = Session(str(path), "serve")
    editor = Editor(session)
    editor.apply("add", {"node": {"id": "tired", "kind": "reason", "text": "Pupils are tired.",
                                  "supports": "thesis"}}, session.version.digest)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["nodes"]["tired"] == {"kind": "reason", "text": "Pupils are tired.", "supports": "thesis"}
    assert path.read_text(encoding="utf-8").startswith('{\n    "title": "Homework"')
