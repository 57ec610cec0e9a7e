"""A class's maps as one site: pages rendered in worker processes, index.html, check --summary."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

import argmap
from argmap import site
from argmap.checks import filter_codes
from argmap.evidence import strength
from cli import cli

GOOD = "title: {title}\nnodes:\n  t:\n    kind: thesis\n    text: fine\n  r:\n    kind: reason\n" \
       "    text: a reason\n    supports: t\n"
BROKEN = "nodes:\n  t:\n    kind: thesys\n    text: A thesis.\n"


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def classroom(tmp_path: Path, bundled_maps: list[Path]) -> Path:
    """The bundled maps (essays beside them), one broken map and a note that is not a map."""
    folder = tmp_path / "class"
    folder.mkdir()
    for m in bundled_maps:
        (folder / m.name).write_bytes(m.read_bytes())
        essay = m.with_suffix(".txt")
        if essay.exists():
            (folder / essay.name).write_bytes(essay.read_bytes())
    (folder / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    (folder / "notes.md").write_text("not a map", encoding="utf-8")
    return folder


def test_page_targets_never_collide() -> None:
    paths = ["a/essay.yaml", "b/essay.yaml", "essay.json", "index.yaml", "Index.json", "-"]
    assert [os.path.basename(t) for t in site.page_targets(paths, "out")] == [
        "essay.html", "essay-2.html", "essay-3.html", "index-2.html", "Index-3.html", "map.html"]


def test_summary_figures_are_the_documented_ones(stalin_path: Path, stalin: argmap.ArgumentMap) -> None:
    s = site.summarize(stalin)
    reasons = stalin.nodes_of("reason")
    assert (s["reasons"], s["evidence"], s["objections"]) == (8, 12, 0)
    assert s["strength"] == round(sum(strength(stalin, r) for r in reasons) / len(reasons), 2)
    findings = filter_codes(argmap.check(stalin), stalin.check_config.get("select"),
                            stalin.check_config.get("ignore"))
    warnings = [d for d in findings if d.severity == "warning"]
    assert s["weak_spot"] == warnings[0].message and s["findings"] == len(warnings)
    no_reasons = argmap.loads("nodes:\n  t: {kind: thesis, text: alone}\n")
    assert site.summarize(no_reasons)["strength"] is None


def test_entries_in_input_order_whatever_the_workers(classroom: Path, tmp_path: Path) -> None:
    paths = sorted(str(p) for p in classroom.glob("*.yaml"))
    out1, out2 = tmp_path / "one", tmp_path / "two"
    out1.mkdir()
    out2.mkdir()
    done: list[str] = []
    serial = site.render_pages(paths, site.page_targets(paths, str(out1)), jobs=1)
    parallel = site.render_pages(paths, site.page_targets(paths, str(out2)), jobs=2,
                                 on_done=lambda e: done.append(e.path))
    assert sorted(done) == paths
    assert [e.path for e in parallel] == paths
    strip = [{**e.__dict__, "page": e.page and os.path.basename(e.page)} for e in serial]
    assert strip == [{**e.__dict__, "page": e.page and os.path.basename(e.page)} for e in parallel]
    broken = next(e for e in parallel if e.path.endswith("broken.yaml"))
    assert broken.failed and broken.errors[0].code == "AM104"
    assert site.index_html(serial, str(out1)) == site.index_html(parallel, str(out2))
    for e in parallel:
        assert e.failed or (out2 / os.path.basename(e.page or "")).read_bytes() == \
            (out1 / os.path.basename(e.page or "")).read_bytes()


def test_index_rows_link_pages_and_list_failures(classroom: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = invoke("render", str(classroom), "-o", str(out), "-j", "1")
    assert result.exit_code == 1
    assert "1 of 4 maps failed" in result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "first_world_war.html", "index.html", "school_uniforms.html", "stalin_purges.html"]
    index = (out / "index.html").read_text(encoding="utf-8")
    for name in ("first_world_war", "school_uniforms", "stalin_purges"):
        assert f'href="{name}.html"' in index
        title = argmap.load(classroom / f"{name}.yaml").title
        assert title and title.replace("'", "&#39;") in index
    row = re.search(r'<tr class="failed".*?</tr>', index, re.S)
    assert row and "href" not in row.group(0)
    assert f"{classroom / 'broken.yaml'}:3:11: AM104" in row.group(0)
    assert "http" not in index.replace('http-equiv="Content-Security-Policy"', "")
    again = tmp_path / "again"
    assert invoke("render", str(classroom), "-o", str(again), "-j", "2").exit_code == 1
    assert (again / "index.html").read_text(encoding="utf-8") == index


def test_index_escapes_every_text(tmp_path: Path, payloads: list[str]) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    for i, p in enumerate(payloads):
        doc = {"title": p, "nodes": {"t": {"kind": "thesis", "text": p},
                                     "r": {"kind": "reason", "text": p, "label": p, "supports": "t"}}}
        (folder / f"m{i}.yaml").write_text(yaml.safe_dump(doc), encoding="utf-8")
    (folder / "zz.yaml").write_text("nodes:\n  t: {kind: thesis, text: '<b>x</b>'}\n  t: dup\n",
                                    encoding="utf-8")
    out = tmp_path / "site"
    invoke("render", str(folder), "-o", str(out), "-j", "1")
    index = (out / "index.html").read_text(encoding="utf-8")
    body = index.split("<script>")[0]
    assert "<script>alert" not in index and "<img" not in body and "<svg" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_o_folder_is_created_and_a_file_is_refused(tmp_path: Path, stalin_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(GOOD.format(title="A"), encoding="utf-8")
    b.write_text(GOOD.format(title="B"), encoding="utf-8")
    assert invoke("render", str(a), str(b), "-o", str(tmp_path / "new" / "site")).exit_code == 0
    assert (tmp_path / "new" / "site" / "index.html").is_file()
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = invoke("render", str(a), str(b), "-o", str(tmp_path / "file"))
    assert result.exit_code == 2 and "must be a folder" in result.output
    # one map: no index
    single = tmp_path / "single"
    single.mkdir()
    assert invoke("render", str(a), "-o", str(single / "a.html")).exit_code == 0
    assert sorted(p.name for p in single.iterdir()) == ["a.html"]


def test_subprocess_parallel_render_has_no_bar_when_piped(classroom: Path, tmp_path: Path,
                                                          cli_run: Any) -> None:
    out = tmp_path / "site"
    proc = cli_run("render", str(classroom), "-o", str(out), "-j", "2")
    assert proc.returncode == 1, proc.stderr
    assert "rendering" not in proc.stderr and "\r" not in proc.stderr
    assert f"wrote {out / 'index.html'} (index of 4 maps)" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_progress_bar_on_a_terminal(classroom: Path, tmp_path: Path, root: Path) -> None:
    import pty
    import subprocess

    master, slave = pty.openpty()
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    proc = subprocess.run([sys.executable, str(root / "cli.py"), "render", str(classroom), "-o",
                           str(tmp_path / "site"), "-j", "2"], stderr=slave, stdout=subprocess.DEVNULL,
                          env=env, timeout=300, cwd=root)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    err = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 1
    assert "rendering" in err and "100%" in err


def test_check_summary_one_line_per_file(classroom: Path) -> None:
    result = invoke("check", str(classroom), "--summary")
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 4
    assert lines[0].startswith(f"{classroom / 'broken.yaml'}: 1 error, 0 warnings; line 3: AM104")
    stalin = argmap.load(classroom / "stalin_purges.yaml")
    first = argmap.check(stalin)[0]
    assert lines[3] == (f"{classroom / 'stalin_purges.yaml'}: 0 errors, {len(argmap.check(stalin))} "
                        f"warnings; line {first.line}: {first.code} {first.message}")
    as_json = invoke("check", str(classroom), "--summary", "--format", "json")
    import json

    rows = json.loads(as_json.stdout)
    assert [r["path"] for r in rows] == [str(classroom / n) for n in sorted(
        ("broken.yaml", "first_world_war.yaml", "school_uniforms.yaml", "stalin_purges.yaml"))]
    assert rows[0]["first"]["code"] == "AM104" and rows[3]["first"]["line"] == first.line
    assert invoke("check", str(classroom), "--summary", "-q").output == ""


@pytest.mark.browser
def test_index_in_a_browser_sorts_and_searches(classroom: Path, tmp_path: Path, open_page: Any) -> None:
    out = tmp_path / "site"
    invoke("render", str(classroom), "-o", str(out), "-j", "1")
    page = open_page(out / "index.html", wait=False)
    page.wait_for_selector("body[data-ready]", state="attached")

    def files() -> list[str]:
        return page.js("() => [...document.querySelectorAll('#maps tbody tr')].filter(r => !r.hidden)"
                       ".map(r => r.cells[1].textContent)")

    assert files() == ["broken.yaml", "first_world_war.yaml", "school_uniforms.yaml", "stalin_purges.yaml"]
    # keyboard: focus the "Reasons" heading and press Enter: most reasons first
    page.focus("#maps thead th:nth-child(3) button")
    page.keyboard.press("Enter")
    assert files()[0] == "stalin_purges.yaml" and files()[-1] == "broken.yaml"
    assert page.js("() => document.querySelector('#maps thead th:nth-child(3)').getAttribute('aria-sort')") \
        == "descending"
    page.keyboard.press("Space")
    assert files()[0] == "broken.yaml"
    page.keyboard.press("/")
    page.keyboard.type("uniform")
    assert files() == ["school_uniforms.yaml"]
    assert page.js("() => document.getElementById('shown').textContent") == "1 of 4 shown"
    page.keyboard.press("Escape")
    assert len(files()) == 4
    page.click("text=Why did Stalin carry out the purges?")
    page.wait_for_selector("body[data-drawn]", state="attached", timeout=60_000)
    assert page.url.endswith("/stalin_purges.html")
    assert page.requests == [] and page.errors == [] and page.dialogs == []
