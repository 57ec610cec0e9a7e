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
from argmap.io import output_paths
from argmap.options import DEFAULT_LIMITS, Limits, LoadOptions, RenderOptions
from argmap.text import visible, visible_json

F = TypeVar("F", bound=Callable[..., Any])

EXAMPLE_MAP = "graphs/stalin_purges.yaml"
#: reader warnings ``render`` prints: a quote drawn unmarked under --lenient-quotes
QUOTE_CODES = ("AM110",)


def _color(ctx_stream: Any) -> bool | None:
    """Colour only on a terminal, never with NO_COLOR set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    return None  # click decides: colour on a tty, none when piped


def report(diagnostics: list[Diagnostic], *, hints: bool = True) -> None:
    # map texts reach the terminal: no escape sequence does (visible)

    color = _color(sys.stderr)
    for d in diagnostics:
        d = dataclasses.replace(d, path=visible(d.path), message=visible(d.message),
                                hint=visible(d.hint) if d.hint else d.hint)
        where = click.style(f"{d.path}:{d.line}:{d.column}:", bold=True)
        if d.severity == "error":
            line = f"{where} {click.style(d.code, fg='red', bold=True)} {d.message}"
        else:  # a student reads the sentence first; the code is for --select/--ignore
            line = f"{where} {click.style(d.message, bold=True)} {click.style(f'[{d.code}]', dim=True)}"
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
@click.option("--direction", type=click.Choice(["auto", "down", "right"]), default="auto", show_default=True,
              help="Maps of up to 500 statements: down puts the thesis on top, right on the left; "
                   "auto lets the page pick the one that fits the screen at the larger zoom.")
@click.option("--order", type=click.Choice(["essay", "strength"]), default="essay", show_default=True,
              help="Order of the reasons' groups: as in the essay, or strongest evidence first.")
@click.option("--theme", type=click.Choice(["light", "dark"]), default="light", show_default=True)
@click.option("--title", help="Page title (default: the map's title).")
@click.option("--essay", "essay_file", type=click.Path(dir_okay=False),
              help="Attach this essay file instead of the one the map names.")
@click.option("--no-essay", is_flag=True, help="Leave the essay out of the page.")
@click.option("--lenient-quotes", is_flag=True,
              help="Draw the map even if a quote: is not found in the essay (AM110): the quote is "
                   "reported as a warning and left unmarked in the essay.")
@click.option("-j", "--jobs", type=click.IntRange(1), default=None, metavar="N",
              help="Render several maps in N worker processes (default: one per CPU; 1: in this process).")
@load_options
@user_errors
def render(maps: tuple[str, ...], output: str | None, open_browser: bool, layout: str, direction: str,
           order: str, theme: str, title: str | None, essay_file: str | None, no_essay: bool,
           lenient_quotes: bool, jobs: int | None, from_format: str | None, **kwargs: Any) -> None:
    """Render MAP as a self-contained interactive HTML page.

    Click a statement on the page to highlight everything it rests on (down to the evidence)
    and everything that rests on it. MAP may be a folder: every map in it is rendered, and a
    map that fails is reported without stopping the others (exit status 1).

    With several maps and -o SITE, SITE also gets index.html: one row per map (title, counts,
    evidence strength, most serious weak spot, a link to its page) and every failure.

    \b
    Examples:
      argmap render graphs/stalin_purges.yaml -o stalin.html --open
      argmap render class/ -o site/ --open
    """
    inputs = list(expand_inputs(maps))
    if not inputs:
        raise click.UsageError("no map files found in " + ", ".join(maps))
    several = len(inputs) > 1
    if several and output == "-":
        raise click.UsageError("-o - (stdout) takes a single MAP")
    if several and output and os.path.exists(output) and not os.path.isdir(output):
        raise click.UsageError(f"with several maps, -o must be a folder: {output}")
    load_opts = make_load_options(kwargs, essay=essay_file, load_essay=not no_essay,
                                  lenient_quotes=lenient_quotes)
    render_opts = RenderOptions(title=title, layout=layout, direction=direction, order=order, theme=theme,
                                include_essay=not no_essay)
    if several:
        _render_site(inputs, output, from_format, load_opts, render_opts, jobs, open_browser)
        return
    path = inputs[0]
    target = output or ("map" if path == "-" else os.path.splitext(path)[0]) + ".html"
    amap = argmap.load(path, format=from_format, options=load_opts)
    report([d for d in amap.diagnostics if d.code in QUOTE_CODES])
    argmap.write(amap, target, format="html", options=render_opts)
    if target != "-":
        click.echo(f"wrote {target} ({len(amap)} nodes)", err=True)
        if open_browser:
            click.launch(os.path.abspath(target))


def _render_site(inputs: list[str], output: str | None, from_format: str | None,
                 load_opts: LoadOptions, render_opts: RenderOptions, jobs: int | None,
                 open_browser: bool) -> None:
    """Several maps: pages (in parallel, a progress bar on a terminal), then SITE/index.html."""
    from argmap import site

    if output:
        try:
            os.makedirs(output, exist_ok=True)
        except OSError as exc:
            raise click.UsageError(
                f"with several maps, -o must be a folder: {output} ({exc.strerror})") from None
        targets = site.page_targets(inputs, output)
    else:  # beside each map: two maps that would write one page are refused before any is written
        targets = output_paths(inputs, None)
    run = functools.partial(site.render_pages, inputs, targets, fmt=from_format,
                            load_options=load_opts, render_options=render_opts, jobs=jobs)
    if sys.stderr.isatty():
        with click.progressbar(length=len(inputs), label="rendering", file=sys.stderr) as bar:
            entries = run(on_done=lambda _entry: bar.update(1))
    else:
        entries = run()
    for entry in entries:
        if entry.failed:
            report(list(entry.errors))
        else:
            click.echo(f"wrote {entry.page} ({entry.nodes} nodes)", err=True)
    opened = None
    if output:
        opened = site.write_index(entries, output)
        click.echo(f"wrote {opened} (index of {len(entries)} maps)", err=True)
    if open_browser:
        for page in [opened] if opened else [e.page for e in entries if e.page]:
            click.launch(os.path.abspath(page))
    failed = sum(e.failed for e in entries)
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
@click.option("--summary", is_flag=True,
              help="One line per file: its errors, warnings and most serious finding.")
@load_options
@user_errors
def check(maps: tuple[str, ...], output_format: str, select: str | None, ignore: str | None,
          strict: bool, quiet: bool, summary: bool, from_format: str | None, **kwargs: Any) -> None:
    """Validate MAP and point out weak spots in its argument, worst first.

    Errors (a map that cannot be read, AM0xx/AM1xx) come first, as path:line:column: CODE
    message. Then the weak spots, most harmful first: a reason with no evidence, a reason resting
    only on hedged evidence, an unanswered objection, an unsourced statistic, a vague source, a
    missing source, then the rest; within each, in map order. Each reads path:line:column:
    sentence [CODE], with a hint. Exit status 1 when there are errors (with --strict, warnings
    too).

    \b
    Example:
      argmap check graphs/stalin_purges.yaml --ignore AM203
    """
    from argmap.checks import as_configured, as_dict, by_harm, filter_codes

    load_opts = make_load_options(kwargs)
    everything: list[Diagnostic] = []
    per_file: list[tuple[str, list[Diagnostic]]] = []
    failed = False
    for path in expand_inputs(maps):
        try:
            amap = argmap.load(path, format=from_format, options=load_opts)
        except ArgmapError as exc:
            found = list(exc.diagnostics)
        else:
            found = as_configured(amap, argmap.check(amap))
        found = by_harm(filter_codes(found, _codes(select), _codes(ignore)))
        everything.extend(found)
        per_file.append((path, found))
        if any(d.severity == "error" or strict for d in found):
            failed = True
    if summary and not quiet:
        from argmap.site import check_summary, format_check_summary

        summaries = [check_summary(path, found) for path, found in per_file]
        if output_format == "json":
            click.echo(visible_json(json.dumps(summaries, indent=2, ensure_ascii=False)))
        else:
            for s in summaries:
                click.echo(visible(format_check_summary(s)))
    elif not quiet:
        if output_format == "json":
            click.echo(visible_json(json.dumps([as_dict(d) for d in everything], indent=2,
                                               ensure_ascii=False)))
        else:
            report(everything)
            errors = sum(d.severity == "error" for d in everything)
            warnings = len(everything) - errors
            totals = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
            click.echo(totals if everything else "no problems found", err=True)
    sys.exit(1 if failed else 0)


def _codes(value: str | None) -> list[str] | None:
    if not value:
        return None
    return [c.strip().upper() for c in value.replace(" ", ",").split(",") if c.strip()]


@cli.command()
@click.argument("model_path", metavar="MODEL")
@click.argument("student_path", metavar="STUDENT")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text: feedback to paste; json: matched, missing, extra, moved, "
                                      "kind_changed, coverage.")
@click.option("-o", "--output", metavar="FILE.html",
              help="Also write a page showing both maps side by side, differences coloured.")
@load_options
@user_errors
def compare(model_path: str, student_path: str, output_format: str, output: str | None,
            from_format: str | None, **kwargs: Any) -> None:
    """Compare a STUDENT's map with a MODEL map, statement by statement.

    Statements are paired by what they say (their words and kinds), not by their ids, so the
    student may name and word them freely. The report lists what is missing, what is extra,
    what is attached to a different reason than in the model, and the share of the model's
    reasons and evidence the student has (coverage).

    \b
    Examples:
      argmap compare graphs/stalin_purges.yaml alice.yaml
      argmap compare graphs/stalin_purges.yaml alice.yaml -o alice-vs-model.html
    """
    from argmap.compare import compare as compare_maps
    from argmap.compare import compare_html, format_json, format_text
    from argmap.io import atomic_write

    if output == "-":
        raise click.UsageError("-o takes a file name: the report goes to stdout")
    load_opts = make_load_options(kwargs)
    model = argmap.load(model_path, format=from_format, options=load_opts)
    student = argmap.load(student_path, format=from_format, options=load_opts)
    result = compare_maps(model, student)
    if output:
        atomic_write(output, compare_html(result))
    click.echo(format_json(result) if output_format == "json" else format_text(result), nl=False)
    if output:
        click.echo(f"wrote {output}", err=True)


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
@click.option("--embed-essay", is_flag=True,
              help="Put the essay's text into the map (essay_text:), so the map needs no essay "
                   "file (yaml and json).")
@load_options
@user_errors
def convert(source: str, output: str, to_format: str | None, embed_essay: bool,
            from_format: str | None, **kwargs: Any) -> None:
    """Convert MAP to another format (see `argmap formats`).

    \b
    Examples:
      argmap convert debate.argdown -o debate.yaml
      argmap convert graphs/stalin_purges.yaml -o stalin.graphml
      argmap convert graphs/stalin_purges.yaml --to mermaid -o -
      argmap convert graphs/stalin_purges.yaml --embed-essay -o stalin-with-essay.yaml
    """
    if output == "-" and not to_format:
        raise click.UsageError("writing to stdout needs --to FORMAT")
    amap = argmap.load(source, format=from_format, options=make_load_options(kwargs))
    argmap.write(amap, output, format=to_format, options=RenderOptions(embed_essay=embed_essay))
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

    formats = list(FORMATS.values())
    if output_format == "json":
        rows = [{"name": f.name, "extensions": list(f.extensions), "read": bool(f.reader),
                 "write": bool(f.writer), "description": f.description} for f in formats]
        click.echo(json.dumps(rows, indent=2))
        return
    width = max(len(f.name) for f in formats)
    exts = max(len(" ".join(f.extensions)) for f in formats)
    click.echo(f"{'format':<{width}}  read  write  {'extensions':<{exts}}  description")
    for f in formats:
        click.echo(f"{f.name:<{width}}  {'yes' if f.reader else '-':<4}  "
                   f"{'yes' if f.writer else '-':<5}  {' '.join(f.extensions):<{exts}}  "
                   f"{f.description}")


def _echo_text(text: str, *, bold_lines: int = 0) -> None:
    """Print ``text`` on stdout (control characters visibly escaped), its first ``bold_lines``
    lines bold on a colour terminal."""
    text = visible(text)
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
    attacks that statement, as a tree, then what it attacks (up to the thesis), what answers it
    (rebuttals and their evidence) and its objections. The strength score is explained under the
    table and in docs/checks.md.

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
    and confidence) and the objections to answer (with their rebuttals and evidence); each
    objection to the thesis gets a counter-argument paragraph ("Some argue ... However ...")
    before the conclusion; the plan ends with the gaps `argmap check` finds, worst first, as a
    to-do list.

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
@click.argument("source", metavar="MAP")
@click.argument("node", required=False)
@click.argument("text", required=False)
@click.option("--by", metavar="NAME", help="Who writes the note (default: no name).")
@click.option("--at", "date", metavar="DATE", help="The note's date, YYYY-MM-DD (default: today).")
@click.option("--no-date", is_flag=True, help="Leave the date out.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="How to list notes; json: for scripts.")
@load_options
@user_errors
def review(source: str, node: str | None, text: str | None, by: str | None, date: str | None,
           no_date: bool, output_format: str, from_format: str | None, **kwargs: Any) -> None:
    """Add a review note to a statement of MAP, or list the map's notes.

    With TEXT, the note is appended to NODE's review: list ('.' for the map as a whole; TEXT '-'
    reads it from standard input) and nothing else in the file changes: comments, quoting, key
    order and blank lines stay as they were. Without TEXT, lists the notes of NODE, or of the
    whole map: the statement, who, when, and the note.

    \b
    Examples:
      argmap review essay.yaml kirov "Which page of Conquest?" --by "Ms Lee"
      argmap review essay.yaml . "A clear plan; add a rebuttal." --by "Ms Lee"
      argmap review essay.yaml
    """
    import datetime

    from argmap.review import add_note, format_notes, notes

    if text is None:
        amap = argmap.load(source, format=from_format, options=make_load_options(kwargs))
        found = notes(amap, node)
        if output_format == "json" or found:
            click.echo(format_notes(found, output_format), nl=False)
        else:
            click.echo("no review notes", err=True)
        return
    if node is None:
        raise click.UsageError("give the NODE the note is about ('.' for the whole map)")
    if text == "-":
        text = sys.stdin.read()
    when = None if no_date else (date or datetime.date.today().isoformat())
    add_note(source, node, text, by=by, at=when, options=make_load_options(kwargs))
    click.echo(f"added a note to {'the map' if node == '.' else repr(node)} in {source}", err=True)


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


def _live(mode: str, source: str, port: int, open_browser: bool, from_format: str | None,
          kwargs: dict[str, Any], render_opts: RenderOptions) -> None:
    from argmap.server import run

    run(source, mode, port=port, open_browser=open_browser, fmt=from_format,
        load_options=make_load_options(kwargs), render_options=render_opts,
        say=lambda line: click.echo(line, err=True))


def live_options(func: F) -> F:
    """The options ``watch`` and ``serve`` share."""
    options = [
        click.argument("source", metavar="MAP"),
        click.option("--port", type=click.IntRange(0, 65535), default=0,
                     help="Port on 127.0.0.1 (default: a free one, printed)."),
        click.option("--open", "open_browser", is_flag=True, help="Open the page in a web browser."),
        click.option("--theme", type=click.Choice(["light", "dark"]), default="light", show_default=True),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@cli.command()
@live_options
@load_options
@user_errors
def watch(source: str, port: int, open_browser: bool, theme: str, from_format: str | None,
          **kwargs: Any) -> None:
    """Preview MAP live: the page reloads itself on every save of the map or its essay.

    The page is served on 127.0.0.1 only and keeps its selection, view and zoom across
    reloads; a save that breaks the map shows every error over the last good map. Ctrl-C stops.

    \b
    Example:
      argmap watch graphs/stalin_purges.yaml --open
    """
    _live("watch", source, port, open_browser, from_format, kwargs, RenderOptions(theme=theme))


@cli.command()
@live_options
@load_options
@user_errors
def serve(source: str, port: int, open_browser: bool, theme: str, from_format: str | None,
          **kwargs: Any) -> None:
    """Edit MAP in the page: every change is checked and saved to the file at once.

    Add, edit, link, unlink and remove statements, with undo and redo; each edit is checked
    as 'argmap check' would and written atomically, keeping comments and layout elsewhere in
    the file. Changes made to the file meanwhile are never overwritten. 127.0.0.1 only;
    Ctrl-C stops.

    \b
    Example:
      argmap serve graphs/stalin_purges.yaml --open
    """
    _live("serve", source, port, open_browser, from_format, kwargs, RenderOptions(theme=theme))


def main() -> None:
    cli(prog_name="argmap")


if __name__ == "__main__":
    main()
