"""The command line as a user meets it: through CliRunner and as a real subprocess."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import argmap
from cli import cli

BROKEN = "nodes:\n  t:\n    kind: thesys\n    text: A thesis.\n    suport: t\n"


def invoke(*args: str, input: str | None = None) -> Any:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_version_and_help() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert argmap.__version__ in result.output
    commands = sorted(cli.commands)
    assert {"render", "check", "schema", "convert", "formats", "evidence", "outline", "new", "stats",
            "extract"} <= set(commands)
    for command in commands:
        result = invoke(command, "--help")
        assert result.exit_code == 0, command
        assert "Usage:" in result.output
    for command in commands:
        assert "Example" in invoke(command, "--help").output, command


def test_render_default_output_next_to_map(tmp_path: Path, stalin_path: Path) -> None:
    for name in ("stalin_purges.yaml", "stalin_purges.txt"):
        (tmp_path / name).write_bytes((stalin_path.parent / name).read_bytes())
    result = invoke("render", str(tmp_path / "stalin_purges.yaml"))
    assert result.exit_code == 0, result.output
    page = (tmp_path / "stalin_purges.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "Why did Stalin carry out the purges?" in page


def test_render_is_deterministic(tmp_path: Path, stalin_path: Path) -> None:
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    assert invoke("render", str(stalin_path), "-o", str(a)).exit_code == 0
    assert invoke("render", str(stalin_path), "-o", str(b)).exit_code == 0
    assert a.read_bytes() == b.read_bytes()


def test_render_direction_and_order(tmp_path: Path, stalin_path: Path) -> None:
    from argmap.writers.html import unpack_data

    out = tmp_path / "s.html"
    result = invoke("render", str(stalin_path), "-o", str(out), "--direction", "right", "--order", "strength")
    assert result.exit_code == 0, result.output
    data = unpack_data(out.read_text(encoding="utf-8"))
    assert data["direction"] == "right"
    assert set(data["directions"]) == {"down", "right"}
    bad = CliRunner().invoke(cli, ["render", str(stalin_path), "--direction", "up"])
    assert bad.exit_code == 2 and "auto" in bad.output


def test_render_to_stdout_and_from_stdin(stalin_path: Path) -> None:
    text = stalin_path.read_text(encoding="utf-8").replace("essay: stalin_purges.txt\n", "")
    result = invoke("render", "-", "-o", "-", input=text)
    assert result.exit_code == 0
    assert result.output.startswith("<!DOCTYPE html>")


def test_bad_map_exit_1_and_nothing_overwritten(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BROKEN, encoding="utf-8")
    out = tmp_path / "bad.html"
    out.write_text("previous page", encoding="utf-8")
    result = invoke("render", str(bad))
    assert result.exit_code == 1
    assert f"{bad}:3:11: AM104 unknown kind 'thesys' (did you mean 'thesis'?)" in result.output
    assert f"{bad}:5:5: AM106 unknown field 'suport' in node 't' (did you mean 'supports'?)" in result.output
    assert "Traceback" not in result.output
    assert out.read_text(encoding="utf-8") == "previous page"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.html", "bad.yaml"]


def test_usage_error_is_exit_2(tmp_path: Path) -> None:
    assert invoke("render").exit_code == 2
    assert invoke("render", "x.yaml", "--layout", "spiral").exit_code == 2
    assert invoke("nonsense").exit_code == 2


def test_missing_file(tmp_path: Path) -> None:
    result = invoke("check", str(tmp_path / "nothere.yaml"))
    assert result.exit_code == 1
    assert "cannot read" in result.output


def test_check_clean_and_cycle(tmp_path: Path) -> None:
    cyc = tmp_path / "c.yaml"
    cyc.write_text("nodes:\n  a:\n    kind: thesis\n    text: a\n  b:\n    kind: reason\n    text: b\n"
                   "    supports: [a, c]\n  c:\n    kind: reason\n    text: c\n    supports: b\n",
                   encoding="utf-8")
    result = invoke("check", str(cyc), "--select", "AM201")
    assert result.exit_code == 0  # warnings alone do not fail
    assert (f"{cyc}:5:3: Reason 'b' ends up supporting itself (circular support: b -> c -> b). "
            "[AM201]") in result.output
    assert invoke("check", str(cyc), "--select", "AM201", "--strict").exit_code == 1
    assert "AM201" not in invoke("check", str(cyc), "--ignore", "AM201").output


def test_check_json(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BROKEN, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(bad), "--format", "json"])
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    assert [(d["line"], d["column"], d["code"]) for d in found] == [(3, 11, "AM104"), (5, 5, "AM106")]
    assert all(d["severity"] == "error" for d in found)


def test_schema_validates_bundled_maps(bundled_maps: list[Path]) -> None:
    import jsonschema
    import yaml

    result = invoke("schema")
    assert result.exit_code == 0
    schema = json.loads(result.output)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in bundled_maps:
        validator.validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({"nodes": {"t": {"kind": "thesis", "text": "x", "suport": "t"}}})


def test_convert_and_formats(tmp_path: Path, stalin_path: Path) -> None:
    out = tmp_path / "s.json"
    assert invoke("convert", str(stalin_path), "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["nodes"]["rivals"]["kind"] == "reason"
    listing = invoke("formats").output
    assert "yaml" in listing and "html" in listing
    rows = json.loads(invoke("formats", "--format", "json").output)
    assert {"yaml", "json", "html"} <= {r["name"] for r in rows}
    result = invoke("convert", str(stalin_path), "-o", str(tmp_path / "s.unknownext"))
    assert result.exit_code == 1
    assert "cannot tell the format" in result.output


def test_batch_render_reports_failures_and_carries_on(tmp_path: Path) -> None:
    good = "nodes:\n  t:\n    kind: thesis\n    text: fine\n"
    (tmp_path / "a.yaml").write_text(good, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "c.yaml").write_text(good, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = invoke("render", str(tmp_path), "-o", str(out))
    assert result.exit_code == 1
    assert "1 of 3 maps failed" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["a.html", "c.html", "index.html"]


def test_subprocess_render_and_errors(tmp_path: Path, stalin_path: Path, cli_run: Any) -> None:
    out = tmp_path / "s.html"
    proc = cli_run("render", str(stalin_path), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert f"wrote {out} (21 nodes)" in proc.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text(BROKEN, encoding="utf-8")
    proc = cli_run("check", str(bad))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert f"{bad}:3:11: AM104" in proc.stderr
    proc = cli_run("render")
    assert proc.returncode == 2


def test_no_color_and_plain_when_piped(tmp_path: Path, cli_run: Any) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BROKEN, encoding="utf-8")
    proc = cli_run("check", str(bad), env={"NO_COLOR": "1"})
    assert "\x1b[" not in proc.stderr


def test_outside_essay_is_refused(tmp_path: Path) -> None:
    inner = tmp_path / "maps"
    inner.mkdir()
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    m = inner / "m.yaml"
    m.write_text("essay: ../secret.txt\nnodes:\n  t:\n    kind: thesis\n    text: a\n", encoding="utf-8")
    result = invoke("check", str(m))
    assert result.exit_code == 1
    assert "outside the map's folder" in result.output
    assert "--allow-outside-paths" in result.output
    assert invoke("check", str(m), "--allow-outside-paths").exit_code == 0
    if hasattr(os, "symlink"):
        link = inner / "link.txt"
        link.symlink_to(tmp_path / "secret.txt")
        m.write_text("essay: link.txt\nnodes:\n  t:\n    kind: thesis\n    text: a\n", encoding="utf-8")
        assert invoke("check", str(m)).exit_code == 1


def test_folder_of_good_and_hostile_maps(tmp_path: Path, payloads: list[str]) -> None:
    maps = tmp_path / "class"
    maps.mkdir()
    good = "nodes:\n  t:\n    kind: thesis\n    text: fine\n"
    (maps / "good1.yaml").write_text(good, encoding="utf-8")
    import yaml

    hostile_doc = {"title": payloads[0], "nodes": {"t": {"kind": "thesis", "text": "fine"}}}
    for i, p in enumerate(payloads):
        hostile_doc["nodes"][f"n{i}"] = {"kind": "reason", "text": p, "label": p, "supports": "t"}
    (maps / "good2_payloads.yaml").write_text(yaml.safe_dump(hostile_doc), encoding="utf-8")
    (maps / "good3.json").write_text('{"nodes": {"t": {"kind": "thesis", "text": "json"}}}', encoding="utf-8")
    bomb = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    bomb += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    (maps / "bomb.yaml").write_text("\n".join(bomb) + "\nnodes: {}\n", encoding="utf-8")
    (maps / "latin1.yaml").write_bytes("nodes:\n  t: {kind: thesis, text: caf\u00e9}\n".encode("latin-1"))
    (maps / "escape.yaml").write_text("essay: ../../etc/passwd\n" + good, encoding="utf-8")
    (maps / "deep.json").write_text('{"nodes": ' + "[" * 5000 + "]" * 5000 + "}", encoding="utf-8")
    (maps / "notes.txt").write_text("not a map", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in maps.iterdir()}
    out = tmp_path / "pages"
    out.mkdir()
    result = invoke("render", str(maps), "-o", str(out))
    assert result.exit_code == 1
    assert "4 of 7 maps failed" in result.output
    for name, code in (("bomb.yaml", "AM009"), ("latin1.yaml", "AM002"), ("escape.yaml", "AM111"),
                       ("deep.json", "AM009")):
        assert f"{maps / name}:" in result.output and code in result.output, name
    assert "Traceback" not in result.output
    assert sorted(p.name for p in out.iterdir()) == ["good1.html", "good2_payloads.html", "good3.html",
                                                    "index.html"]
    page = (out / "good2_payloads.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert {p.name: p.read_bytes() for p in maps.iterdir()} == before  # inputs untouched


def test_convert_embed_essay_renders_in_another_folder(stalin_path: Path, tmp_path: Path,
                                                        cli_run: Any) -> None:
    away = tmp_path / "away"
    away.mkdir()
    proc = cli_run("convert", str(stalin_path), "--embed-essay", "-o", str(away / "stalin.yaml"))
    assert proc.returncode == 0, proc.stderr
    proc = cli_run("render", str(away / "stalin.yaml"), "-o", str(away / "stalin.html"))
    assert proc.returncode == 0 and "AM109" not in proc.stderr, proc.stderr
    assert argmap.load(away / "stalin.yaml").essay == argmap.load(stalin_path).essay
    # without --embed-essay the copy names the essay from its new folder: outside it, so refused
    # unless the user trusts the map
    invoke("convert", str(stalin_path), "-o", str(away / "plain.yaml"))
    assert "AM111" in invoke("render", str(away / "plain.yaml"), "-o", str(away / "p.html")).output


def test_render_lenient_quotes(tmp_path: Path) -> None:
    (tmp_path / "e.txt").write_text("All his rivals were removed.", encoding="utf-8")
    path = tmp_path / "m.yaml"
    path.write_text("essay: e.txt\nnodes:\n  t:\n    kind: thesis\n    text: a\n"
                    "    quote: \"his rivals were remooved\"\n", encoding="utf-8")
    strict = invoke("render", str(path), "-o", str(tmp_path / "m.html"))
    assert strict.exit_code == 1 and "AM110" in strict.output and "--no-essay" in strict.output
    assert not (tmp_path / "m.html").exists()
    lenient = invoke("render", str(path), "--lenient-quotes", "-o", str(tmp_path / "m.html"))
    assert lenient.exit_code == 0, lenient.output
    assert f"{path}:6:12: The quote of 't' does not occur in the essay: it is left unmarked. [AM110]" \
        in lenient.output
    assert (tmp_path / "m.html").exists()
    assert "--lenient-quotes" in " ".join(invoke("render", "--help").output.split())


def test_convert_into_another_folder_rebases_the_essay(tmp_path: Path) -> None:
    """``essay:`` is relative to the map file: a map written elsewhere must name it from there."""
    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "essay.txt").write_text("We should sort waste. It saves resources.\n", encoding="utf-8")
    src = maps / "m.yaml"
    src.write_text("essay: essay.txt\nnodes:\n  t:\n    kind: thesis\n    text: We should sort waste.\n"
                   "    quote: We should sort waste.\n", encoding="utf-8")
    up = tmp_path / "m.yaml"
    assert invoke("convert", str(src), "-o", str(up)).exit_code == 0
    assert argmap.load(up).essay_path == "maps/essay.txt"
    assert "AM109" not in invoke("check", str(up)).output
    far = tmp_path / "other" / "deep" / "m.json"
    far.parent.mkdir(parents=True)
    assert invoke("convert", str(src), "-o", str(far)).exit_code == 0
    assert json.loads(far.read_text(encoding="utf-8"))["essay"] == "../../maps/essay.txt"
    result = invoke("check", str(far), "--allow-outside-paths")
    assert result.exit_code == 0 and "AM109" not in result.output
    beside = maps / "copy.argdown"
    assert invoke("convert", str(src), "-o", str(beside)).exit_code == 0
    assert argmap.load(beside, options=argmap.LoadOptions(load_essay=False)).essay_path == "essay.txt"
    assert '"essay": "essay.txt"' in invoke("convert", str(src), "--to", "json", "-o", "-").output


def test_convert_to_json_writes_standard_json(tmp_path: Path) -> None:
    src = tmp_path / "m.yaml"
    src.write_text("nodes:\n  t:\n    kind: thesis\n    text: T\n    data: {a: .nan, b: .inf, c: 1.5}\n",
                   encoding="utf-8")
    result = invoke("convert", str(src), "--to", "json", "-o", "-")
    if result.exit_code != 0:  # a reader may refuse non-finite numbers outright: also no NaN written
        assert "Traceback" not in result.output
        return

    def refuse(token: str) -> None:
        raise AssertionError(f"non-standard JSON {token}")

    assert json.loads(result.output, parse_constant=refuse)["nodes"]["t"]["data"] == \
        {"a": None, "b": None, "c": 1.5}


# -- paths and files --------------------------------------------------------------------------------
ESSAY_MAP = ("essay: {essay}\nnodes:\n  t:\n    kind: thesis\n    text: The thesis.\n"
             "  r:\n    kind: reason\n    text: A reason.\n    supports: t\n")


def test_a_piped_map_reads_no_essay_from_where_the_command_runs(tmp_path: Path, cli_run: Any) -> None:
    (tmp_path / ".ssh").mkdir()
    (tmp_path / ".ssh" / "id_rsa.txt").write_text("PRIVATE KEY", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("SECRET NOTES", encoding="utf-8")
    for essay in (".ssh/id_rsa.txt", "notes.txt"):
        done = cli_run("render", "-", "-o", "-", input=ESSAY_MAP.format(essay=essay), cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert "PRIVATE KEY" not in done.stdout and "SECRET NOTES" not in done.stdout
    done = cli_run("render", "-", "-o", "-", "--essay", "notes.txt",
                   input=ESSAY_MAP.format(essay="x.txt"), cwd=tmp_path)
    assert done.returncode == 0 and "SECRET NOTES" in done.stdout  # named on the command line: read


@pytest.mark.parametrize(("essay", "words"), [
    (".env.txt", "hidden"), (".secret/essay.txt", "hidden"), ("essay.yaml", "not a text file"),
    ("essay", "not a text file"), ("key.pem", "not a text file"),
])
def test_a_map_may_name_only_a_visible_text_file_as_its_essay(tmp_path: Path, essay: str,
                                                              words: str) -> None:
    target = tmp_path / essay
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("The thesis.", encoding="utf-8")
    path = tmp_path / "m.yaml"
    path.write_text(ESSAY_MAP.format(essay=essay), encoding="utf-8")
    result = invoke("check", str(path))
    assert result.exit_code == 1 and "AM111" in result.output and words in result.output
    assert "The thesis." not in result.output


def test_a_symlink_into_a_hidden_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / ".private").mkdir()
    (tmp_path / ".private" / "real.txt").write_text("The thesis.", encoding="utf-8")
    (tmp_path / "essay.txt").symlink_to(tmp_path / ".private" / "real.txt")
    path = tmp_path / "m.yaml"
    path.write_text(ESSAY_MAP.format(essay="essay.txt"), encoding="utf-8")
    result = invoke("check", str(path))
    assert result.exit_code == 1 and "hidden" in result.output


def test_essay_must_be_text_even_when_named_on_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "essay.txt").write_bytes(b"The thesis.\x00\x01binary")
    path = tmp_path / "m.yaml"
    path.write_text(ESSAY_MAP.format(essay="essay.txt"), encoding="utf-8")
    for args in (("check", str(path)),
                 ("render", str(path), "-o", str(tmp_path / "m.html"), "--essay",
                  str(tmp_path / "essay.txt"))):
        result = CliRunner().invoke(cli, list(args))
        assert result.exit_code == 1 and "AM109" in result.output and "not text" in result.output
    (tmp_path / "essay.txt").write_bytes(b"The thesis \xff\xfe.")
    assert "AM002" in invoke("check", str(path)).output


def test_essay_named_on_the_command_line_may_have_any_extension(tmp_path: Path) -> None:
    (tmp_path / "essay.essay").write_text("The thesis. A reason.", encoding="utf-8")
    path = tmp_path / "m.yaml"
    path.write_text(ESSAY_MAP.format(essay="x.txt"), encoding="utf-8")
    result = invoke("render", str(path), "-o", str(tmp_path / "m.html"), "--essay",
                    str(tmp_path / "essay.essay"))
    assert result.exit_code == 0
    assert "The thesis. A reason." in (tmp_path / "m.html").read_text(encoding="utf-8")


@pytest.mark.timeout(60)  # a hang guard: opening a FIFO for reading waits for a writer
def test_a_fifo_essay_is_refused_without_waiting(tmp_path: Path, cli_run: Any) -> None:
    os.mkfifo(tmp_path / "essay.txt")
    path = tmp_path / "m.yaml"
    path.write_text(ESSAY_MAP.format(essay="essay.txt"), encoding="utf-8")
    fifo = str(tmp_path / "essay.txt")
    for args in (("check", str(path)), ("render", str(path), "-o", "-", "--essay", fifo)):
        done = cli_run(*args)
        assert done.returncode == 1 and "not a regular file" in done.stderr, done.stderr


def test_two_maps_writing_one_page_are_refused_before_writing(tmp_path: Path) -> None:
    """Beside the maps, ``a.yaml`` and ``a.json`` would write one ``a.html``: refused before any page
    is written. Into a site folder each gets its own page (``a.html``, ``a-2.html``), both listed."""
    doc = "nodes:\n  t: {kind: thesis, text: T}\n"
    (tmp_path / "a.yaml").write_text(doc, encoding="utf-8")
    (tmp_path / "a.json").write_text('{"nodes": {"t": {"kind": "thesis", "text": "T"}}}', encoding="utf-8")
    (tmp_path / "b.yaml").write_text(doc, encoding="utf-8")
    for args in (("render", str(tmp_path)), ("render", str(tmp_path / "a.yaml"), str(tmp_path / "a.json"))):
        result = CliRunner().invoke(cli, list(args))
        assert result.exit_code == 1 and "would write the same page" in result.output
    assert not (tmp_path / "a.html").exists() and not (tmp_path / "b.html").exists()
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["render", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["a-2.html", "a.html", "b.html", "index.html"]


def test_render_to_dev_null_keeps_the_device(tmp_path: Path, cli_run: Any) -> None:
    import stat

    doc = tmp_path / "m.yaml"
    doc.write_text("nodes:\n  t: {kind: thesis, text: T}\n", encoding="utf-8")
    assert cli_run("render", str(doc), "-o", os.devnull).returncode == 0
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_extract_does_not_overwrite_a_draft_without_force(tmp_path: Path) -> None:
    essay = tmp_path / "essay.txt"
    essay.write_text("School uniforms should be required. They reduce bullying, because brands "
                     "vanish.", encoding="utf-8")
    draft = tmp_path / "essay.draft.yaml"
    draft.write_text("my corrected draft", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(essay)])
    assert result.exit_code == 1 and "already exists" in result.output and "--force" in result.output
    assert draft.read_text(encoding="utf-8") == "my corrected draft"
    assert CliRunner().invoke(cli, ["extract", str(essay), "--force"]).exit_code == 0
    assert draft.read_text(encoding="utf-8") != "my corrected draft"
