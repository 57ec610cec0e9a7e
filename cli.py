"""The ``argmap`` command: options in, one call into the ``argmap`` library, messages out.

Exit status: 0 success, 1 invalid input (or findings, for ``check``), 2 usage error.
Library modules are imported inside each command so ``argmap --help`` starts instantly.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import click

import argmap
from argmap.errors import ArgmapError, Diagnostic
from argmap.options import DEFAULT_LIMITS, Limits, LoadOptions, RenderOptions
from argmap.text import visible_json

F = TypeVar("F", bound=Callable[..., Any])

EXAMPLE_MAP = "graphs/stalin_purges.yaml"


def _color(ctx_stream: Any) -> bool | None:
    """Colour only on a terminal, never with NO_COLOR set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    return None  # click decides: colour on a tty, none when piped


def report(diagnostics: list[Diagnostic], *, hints: bool = True) -> None:
    from argmap.text import visible  # map texts reach the terminal: no escape sequence does

    color = _color(sys.stderr)
    for d in diagnostics:
        d = dataclasses.replace(d, path=visible(d.path), message=visible(d.message),
                                hint=visible(d.hint) if d.hint else d.hint)
        code_style = {"fg": "red", "bold": True} if d.severity == "error" else {"fg": "yellow", "bold": True}
        line = (
            click.style(f"{d.path}:{d.line}:{d.column}:", bold=True)
            + " "
            + click.style(d.code, **code_style)
            + " "
            + d.message
        )
        click.echo(line, err=True, color=color)
        if hints and d.hint:
            click.echo(click.style(f"    hint: {d.hint}", dim=True), err=True, color=color)


def user_errors(func: F) -> F:
    """Turn an ArgmapError into its diagnostics on stderr and exit status 1, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ArgmapError as exc:
            report(exc.diagnostics)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


def load_options(func: F) -> F:
    """The options every command that reads a map shares."""
    options = [
        click.option("--from", "from_format", metavar="FORMAT",
                     help="Read the map as FORMAT instead of guessing from its extension."),
        click.option("--allow-outside-paths", is_flag=True,
                     help="Let the map's essay: point outside the map's folder."),
        click.option("--max-nodes", type=click.IntRange(1), default=DEFAULT_LIMITS.max_nodes,
                     show_default=True, help="Refuse maps with more nodes than this."),
        click.option("--max-bytes", type=click.IntRange(1), default=DEFAULT_LIMITS.max_bytes,
                     show_default=True, help="Refuse files larger than this."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def make_load_options(kwargs: dict[str, Any], **extra: Any) -> LoadOptions:
    limits = Limits(
        max_bytes=kwargs.pop("max_bytes", DEFAULT_LIMITS.max_bytes),
        max_nodes=kwargs.pop("max_nodes", DEFAULT_LIMITS.max_nodes),
        max_depth=DEFAULT_LIMITS.max_depth,
        max_values=DEFAULT_LIMITS.max_values,
    )
    return LoadOptions(limits=limits, allow_outside_paths=kwargs.pop("allow_outside_paths", False),
                       **extra)


def expand_inputs(paths: tuple[str, ...]) -> Iterator[str]:
    """Files named, and for a folder every file in it that some reader can read."""
    from argmap import formats

    readable = tuple(ext for f in formats.reader_formats() for ext in f.extensions)
    for path in paths:
        if path != "-" and os.path.isdir(path):
            for name in sorted(os.listdir(path)):
                full = os.path.join(path, name)
                if os.path.isfile(full) and name.lower().endswith(readable):
                    yield full
        else:
            yield path


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(argmap.__version__, "--version", "-V", prog_name="argmap")
def cli() -> None:
    """Turn an essay's argument into a map of which reasons rest on which evidence.

    \b
    Start with the bundled example:
      argmap check graphs/stalin_purges.yaml
      argmap render graphs/stalin_purges.yaml --open
    """


@cli.command()
@click.argument("maps", nargs=-1, required=True, metavar="MAP...")
@click.option("-o", "--output", metavar="PATH",
              help="Output file (one MAP; '-' for stdout) or folder (several). "
                   "Default: next to each MAP, with .html.")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in a web browser.")
@click.option("--layout", type=click.Choice(["layered", "force"]), default="layered", show_default=True,
              help="layered: positions computed here, instant; force: the browser arranges the map.")
@click.option("--theme", type=click.Choice(["light", "dark"]), default="light", show_default=True)
@click.option("--title", help="Page title (default: the map's title).")
@click.option("--essay", "essay_file", type=click.Path(dir_okay=False),
              help="Attach this essay file instead of the one the map names.")
@click.option("--no-essay", is_flag=True, help="Leave the essay out of the page.")
@load_options
@user_errors
def render(maps: tuple[str, ...], output: str | None, open_browser: bool, layout: str, theme: str,
           title: str | None, essay_file: str | None, no_essay: bool, from_format: str | None,
           **kwargs: Any) -> None:
    """Render MAP as a self-contained interactive HTML page.

    Click a statement on the page to highlight everything it rests on (down to the evidence)
    and everything that rests on it. MAP may be a folder: every map in it is rendered, and a
    map that fails is reported without stopping the others.

    \b
    Example:
      argmap render graphs/stalin_purges.yaml -o stalin.html --open
    """
    inputs = list(expand_inputs(maps))
    if not inputs:
        raise click.UsageError("no map files found in " + ", ".join(maps))
    several = len(inputs) > 1
    if several and output == "-":
        raise click.UsageError("-o - (stdout) takes a single MAP")
    if several and output and not os.path.isdir(output):
        raise click.UsageError(f"with several maps, -o must be an existing folder: {output}")
    load_opts = make_load_options(kwargs, essay=essay_file, load_essay=not no_essay)
    render_opts = RenderOptions(title=title, layout=layout, theme=theme, include_essay=not no_essay)
    from argmap.io import output_paths

    failed = 0
    for path, target in zip(inputs, output_paths(inputs, output), strict=True):
        try:
            amap = argmap.load(path, format=from_format, options=load_opts)
            argmap.write(amap, target, format="html", options=render_opts)
        except ArgmapError as exc:
            if not several:
                raise
            report(exc.diagnostics)
            failed += 1
            continue
        if target != "-":
            click.echo(f"wrote {target} ({len(amap)} nodes)", err=True)
            if open_browser:
                click.launch(os.path.abspath(target))
    if failed:
        click.echo(f"{failed} of {len(inputs)} maps failed; the others were written", err=True)
        sys.exit(1)


@cli.command()
@click.argument("maps", nargs=-1, required=True, metavar="MAP...")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="json: one object per finding, for scripts.")
@click.option("--select", metavar="CODES", help="Only these codes or prefixes, e.g. AM2,AM101.")
@click.option("--ignore", metavar="CODES", help="Leave out these codes or prefixes.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing; only the exit status tells.")
@load_options
@user_errors
def check(maps: tuple[str, ...], output_format: str, select: str | None, ignore: str | None,
          strict: bool, quiet: bool, from_format: str | None, **kwargs: Any) -> None:
    """Validate MAP and point out weak spots in its argument.

    Errors (a map that cannot be read, AM0xx/AM1xx) and warnings (weak spots such as circular
    support, AM2xx) are printed as path:line:column: CODE message, with a hint. Exit status 1
    when there are errors (with --strict, warnings too).

    \b
    Example:
      argmap check graphs/stalin_purges.yaml --ignore AM203
    """
    from argmap.checks import filter_codes

    load_opts = make_load_options(kwargs)
    everything: list[Diagnostic] = []
    failed = False
    for path in expand_inputs(maps):
        try:
            amap = argmap.load(path, format=from_format, options=load_opts)
        except ArgmapError as exc:
            found = list(exc.diagnostics)
        else:
            found = filter_codes(argmap.check(amap), amap.check_config.get("select"),
                                 amap.check_config.get("ignore"))
        found = filter_codes(found, _codes(select), _codes(ignore))
        everything.extend(found)
        if any(d.severity == "error" or strict for d in found):
            failed = True
    if not quiet:
        if output_format == "json":
            click.echo(visible_json(json.dumps([d.to_dict() for d in everything], indent=2,
                                               ensure_ascii=False)))
        else:
            report(everything)
            errors = sum(d.severity == "error" for d in everything)
            warnings = len(everything) - errors
            summary = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
            click.echo(summary if everything else "no problems found", err=True)
    sys.exit(1 if failed else 0)


def _codes(value: str | None) -> list[str] | None:
    if not value:
        return None
    return [c.strip().upper() for c in value.replace(" ", ",").split(",") if c.strip()]


@cli.command()
@click.option("-o", "--output", default="-", show_default=True, help="Where to write the schema.")
@user_errors
def schema(output: str) -> None:
    """Print the map format's JSON Schema (for editor completion and validation).

    \b
    Example (VS Code with the YAML extension, in settings.json):
      "yaml.schemas": {"argmap.schema.json": "graphs/*.yaml"}
      argmap schema -o argmap.schema.json
    """
    from argmap.io import atomic_write
    from argmap.schema import json_schema

    atomic_write(output, json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")


@cli.command()
@click.argument("source", metavar="MAP")
@click.option("-o", "--output", required=True, metavar="PATH",
              help="Output file; its extension names the format ('-' for stdout, with --to).")
@click.option("--to", "to_format", metavar="FORMAT", help="Write FORMAT whatever the extension.")
@load_options
@user_errors
def convert(source: str, output: str, to_format: str | None, from_format: str | None,
            **kwargs: Any) -> None:
    """Convert MAP to another format (see `argmap formats`).

    \b
    Examples:
      argmap convert debate.argdown -o debate.yaml
      argmap convert graphs/stalin_purges.yaml -o stalin.graphml
      argmap convert graphs/stalin_purges.yaml --to mermaid -o -
    """
    if output == "-" and not to_format:
        raise click.UsageError("writing to stdout needs --to FORMAT")
    amap = argmap.load(source, format=from_format, options=make_load_options(kwargs))
    argmap.write(amap, output, format=to_format)
    if output != "-":
        click.echo(f"wrote {output} ({len(amap)} nodes)", err=True)


@cli.command()
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def formats(output_format: str) -> None:
    """List the formats argmap reads and writes.

    \b
    Example:
      argmap formats --format json
    """
    from argmap.formats import FORMATS

    rows = [
        {"name": f.name, "extensions": list(f.extensions), "read": bool(f.reader),
         "write": bool(f.writer), "description": f.description}
        for f in FORMATS.values()
    ]
    if output_format == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    width = max(len(r["name"]) for r in rows)
    exts = max(len(" ".join(r["extensions"])) for r in rows)
    click.echo(f"{'format':<{width}}  read  write  {'extensions':<{exts}}  description")
    for r in rows:
        click.echo(f"{r['name']:<{width}}  {'yes' if r['read'] else '-':<4}  "
                   f"{'yes' if r['write'] else '-':<5}  {' '.join(r['extensions']):<{exts}}  "
                   f"{r['description']}")


def _echo_text(text: str, *, bold_lines: int = 0) -> None:
    from argmap.text import visible

    text = visible(text)
    """Print ``text`` on stdout, its first ``bold_lines`` lines bold on a colour terminal."""
    color = _color(sys.stdout)
    lines = text.rstrip("\n").split("\n")
    for i, line in enumerate(lines):
        click.echo(click.style(line, bold=True) if i < bold_lines and line else line, color=color)


@cli.command()
@click.argument("source", metavar="MAP")
@click.argument("node", required=False)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="json: the table (or tree) as data, for scripts.")
@load_options
@user_errors
def evidence(source: str, node: str | None, output_format: str, from_format: str | None,
             **kwargs: Any) -> None:
    """Show which reasons rest on which evidence, with a strength score.

    Without NODE: a table of every reason (then claim) with the evidence it rests on, directly
    or via other statements, its confidence and source. With NODE: everything that supports or
    attacks that statement, as a tree. The strength score is explained under the table and in
    docs/checks.md.

    \b
    Examples:
      argmap evidence graphs/stalin_purges.yaml
      argmap evidence graphs/stalin_purges.yaml rivals
    """
    from argmap.evidence import render as render_evidence

    amap = argmap.load(source, format=from_format, options=make_load_options(kwargs))
    text = render_evidence(amap, node, output_format)
    if output_format == "json":
        click.echo(visible_json(text), nl=False)
    else:
        _echo_text(text, bold_lines=1)


@cli.command()
@click.argument("source", metavar="MAP")
@click.option("-o", "--output", default="-", show_default=True, metavar="PATH",
              help="Where to write the plan ('-' for stdout).")
@click.option("--format", "output_format", type=click.Choice(["markdown", "text"]), default="markdown",
              show_default=True, help="markdown, or plain text for printing.")
@click.option("-q", "--quiet", is_flag=True, help="Do not report the file written.")
@load_options
@user_errors
def outline(source: str, output: str, output_format: str, quiet: bool, from_format: str | None,
            **kwargs: Any) -> None:
    """Turn MAP into an essay plan: introduction, one paragraph per reason, conclusion.

    Paragraphs come strongest first, each with its topic sentence, its evidence (with sources
    and confidence) and the objections to answer; the plan ends with the gaps `argmap check`
    finds, as a to-do list.

    \b
    Example:
      argmap outline graphs/stalin_purges.yaml -o plan.md
    """
    from argmap.io import atomic_write
    from argmap.outline import outline as make_outline

    amap = argmap.load(source, format=from_format, options=make_load_options(kwargs))
    atomic_write(output, make_outline(amap, output_format))
    if output != "-" and not quiet:
        click.echo(f"wrote {output}", err=True)


@cli.command()
@click.option("-o", "--output", default="-", show_default=True, metavar="FILE",
              help="The new map file ('-' for stdout).")
@click.option("--question", help="The essay question (the map's title).")
@click.option("--thesis", help="Your answer to the question, in one sentence.")
@click.option("--reason", "reasons", multiple=True, metavar="TEXT",
              help="A reason for the thesis; repeat for each reason.")
@click.option("--reason-name", metavar="WORD", help="What the essay calls its reasons, e.g. Motive, Cause.")
@click.option("-i", "--interactive", is_flag=True,
              help="Ask for the question, thesis and reasons (the default on a terminal).")
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@click.option("-q", "--quiet", is_flag=True, help="Do not report the file written.")
@user_errors
def new(output: str, question: str | None, thesis: str | None, reasons: tuple[str, ...],
        reason_name: str | None, interactive: bool, force: bool, quiet: bool) -> None:
    """Start an essay plan: a map with your thesis and reasons and placeholders to fill in.

    On a terminal it asks for the question, the thesis and the reasons (an empty answer ends
    the reasons); with --question/--thesis/--reason it asks nothing. `argmap check FILE` then
    lists what is still to do: the TODOs, the missing evidence and sources.

    \b
    Examples:
      argmap new -o plan.yaml
      argmap new -o plan.yaml --question "Why did Stalin carry out the purges?" \\
          --thesis "To remove anyone who might oppose him." --reason "Remove rivals" --reason Fear
    """
    from argmap.scaffold import write_new_map

    given = question is not None or thesis is not None or bool(reasons)
    if interactive or (not given and sys.stdin.isatty()):
        question = question or click.prompt("Essay question", default="", show_default=False)
        thesis = thesis or click.prompt("Your answer (the thesis)", default="", show_default=False)
        if not reasons:
            asked: list[str] = []
            while True:
                answer = click.prompt(f"Reason {len(asked) + 1} (empty to finish)", default="",
                                      show_default=False)
                if not answer.strip():
                    break
                asked.append(answer)
            reasons = tuple(asked)
    write_new_map(output, question, thesis, reasons, reason_name=reason_name, force=force)
    if output != "-" and not quiet:
        click.echo(f"wrote {output}: replace the TODOs, then run: argmap check {output}", err=True)


@cli.command()
@click.argument("source", metavar="MAP")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="json: the numbers as data, for scripts.")
@load_options
@user_errors
def stats(source: str, output_format: str, from_format: str | None, **kwargs: Any) -> None:
    """Count MAP's statements and links, the depth of its support, and how hedged its evidence is.

    \b
    Example:
      argmap stats graphs/stalin_purges.yaml --format json
    """
    from argmap.stats import render as render_stats

    amap = argmap.load(source, format=from_format, options=make_load_options(kwargs))
    text = render_stats(amap, output_format)
    if output_format == "json":
        click.echo(visible_json(text), nl=False)
    else:
        _echo_text(text, bold_lines=1 if amap.title else 0)


@cli.command()
@click.argument("essay", metavar="ESSAY")
@click.option("-o", "--output", metavar="PATH",
              help="Where to write the draft ('-' for stdout). Default: ESSAY.draft.yaml beside the essay.")
@click.option("--format", "output_format", type=click.Choice(["yaml", "json"]), default=None,
              help="Format of the draft (default: from the output's extension, else yaml).")
@click.option("--min-confidence", type=click.Choice(["certain", "likely", "possible", "doubtful"]),
              help="Leave out statements the essay sounds less sure of than this.")
@click.option("--max-bytes", type=click.IntRange(1), default=DEFAULT_LIMITS.max_bytes,
              show_default=True, help="Refuse essays larger than this.")
@click.option("--force", is_flag=True, help="Overwrite the draft if it exists.")
@user_errors
def extract(essay: str, output: str | None, output_format: str | None, min_confidence: str | None,
            max_bytes: int, force: bool) -> None:
    """Draft a map from the text of ESSAY (UTF-8), for you to correct.

    Every statement of the draft quotes the essay word for word; its note says which words
    (\"another reason\", \"for example\", \"however\") made it a reason, evidence or objection.
    The draft's essay: points at ESSAY, relative to where the draft is written.

    \b
    Example:
      argmap extract graphs/stalin_purges.txt -o graphs/stalin_draft.yaml
      argmap render graphs/stalin_draft.yaml --open
    """
    from argmap.extract import extract as draft_map
    from argmap.io import atomic_write, read_bytes, refuse_overwrite
    from argmap.readers._source import decode

    if essay == "-":
        raise click.UsageError("ESSAY must be a file: the draft's essay: field names it")
    fmt = output_format or ("json" if output and output.lower().endswith(".json") else "yaml")
    if output is None:
        output = os.path.splitext(essay)[0] + ".draft." + fmt
    refuse_overwrite(output, "a draft you may have corrected", force=force)
    text = decode(read_bytes(essay, max_bytes), essay)
    base = os.getcwd() if output == "-" else os.path.dirname(os.path.abspath(output))
    try:
        essay_name = os.path.relpath(os.path.abspath(essay), base)
    except ValueError:  # another drive (Windows)
        essay_name = os.path.abspath(essay)
    amap = draft_map(text, essay_name=essay_name.replace(os.sep, "/"), min_confidence=min_confidence)
    atomic_write(output, argmap.convert(amap, fmt))
    if output != "-":
        click.echo(f"wrote {output} ({len(amap)} nodes): a draft, check each node against the essay",
                   err=True)
    if essay_name.startswith("..") or os.path.isabs(essay_name):
        click.echo("note: the essay is outside the draft's folder; read the draft with "
                   "--allow-outside-paths, or move it beside the essay", err=True)


def main() -> None:
    cli(prog_name="argmap")


if __name__ == "__main__":
    main()
