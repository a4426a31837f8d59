"""The ``minutes`` command: a thin layer over the library functions."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Literal, cast

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

import db
from pipeline.audit import Status, action_detail, actions_csv, list_actions, to_json
from pipeline.cli_browse import COMMANDS, reindex_command
from pipeline.cli_support import (
    DbOption,
    PdfEngineOption,
    clip,
    date_option,
    error,
    one_of,
    open_engine,
    out,
    write_rows,
)
from pipeline.convert import ConvertSettings, convert
from pipeline.errors import MinutesError
from pipeline.evaluate import evaluate, format_report, parse_requirement, shortfalls
from pipeline.extract import extract
from pipeline.fetch.http import HttpSettings
from pipeline.fetch.run import Documents, FetchSettings, fetch_report, fetch_site
from pipeline.formats.pdf import PdfSettings
from pipeline.inert import printable
from pipeline.ingest import Settings, default_workers, find_documents, ingest
from pipeline.load import LoadSettings, load
from pipeline.output import to_gold_format
from pipeline.reextract import reextract
from pipeline.series import metric_series, plot_series, series_csv, series_json
from pipeline.stats import database_stats
from queries.votes import RESULTS, Result, counts_text, list_votes, votes_csv, votes_json

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Turn council minutes and decision records into a queryable database.",
)
db_app = typer.Typer(no_args_is_help=True, help="Database schema commands.")
app.add_typer(db_app, name="db")
err = Console(stderr=True)


def _settings(pdf_engine: str, max_mb: float) -> Settings:
    one_of(pdf_engine, ("fast", "layout"), "--pdf-engine")
    engine: Literal["fast", "layout"] = "fast" if pdf_engine == "fast" else "layout"
    return Settings(
        load=LoadSettings(max_bytes=int(max_mb * 1024 * 1024)), convert=ConvertSettings(pdf=PdfSettings(engine=engine))
    )


@app.command("extract")
def extract_command(
    file: Annotated[Path, typer.Argument(help="A document: .txt .md .html .xml .pdf")],
    output_format: Annotated[
        str, typer.Option("--format", help="json (the gold format) or text (the normalised text).")
    ] = "json",
    spans: Annotated[bool, typer.Option("--spans/--no-spans", help="Add each record's character span.")] = True,
    pdf_engine: PdfEngineOption = "fast",
) -> None:
    """Extract one document and print it; no database needed."""
    one_of(output_format, ("json", "text"), "--format")
    settings = _settings(pdf_engine, 25)
    try:
        document = convert(load(file, settings.load), settings.convert)
        if output_format == "text":
            sys.stdout.write(document.text + "\n")
            return
        result = to_gold_format(extract(document), with_spans=spans)
    except MinutesError as exc:
        error(str(exc))
        raise typer.Exit(1) from exc
    except (Exception, RecursionError, MemoryError) as exc:  # an extractor's bug: still one line
        error(f"{file}: internal error: {type(exc).__name__}: {exc}")
        raise typer.Exit(1) from exc
    sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")


@app.command("ingest")
def ingest_command(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or globs.")],
    url: DbOption = None,
    workers: Annotated[int, typer.Option("--workers", min=0, help="Worker processes (0, the default: all cores).")] = 0,
    pdf_engine: PdfEngineOption = "fast",
    max_mb: Annotated[float, typer.Option("--max-mb", min=0.001, help="Largest file accepted, in MB.")] = 25,
    council: Annotated[
        str | None, typer.Option("--council", help="The council of documents that do not name theirs.")
    ] = None,
) -> None:
    """Ingest documents; each in its own transaction. Exit 1 if any document failed."""
    settings = replace(_settings(pdf_engine, max_mb), council=council.strip() if council else None)
    found = find_documents(paths)
    files = found.files
    if not files:
        for path, reason in found.skipped:
            error(f"{path}: {reason}")
        error("no documents found in the given paths")
        raise typer.Exit(2)
    engine = open_engine(url, must_exist=False)
    db.ensure_current(engine)
    show = err.is_terminal
    with Progress(
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=not show,
        transient=True,
    ) as progress:
        task = progress.add_task("ingest", total=len(files))
        summary = ingest(
            [str(f) for f in files],
            engine,
            workers=workers or default_workers(),
            settings=settings,
            on_progress=lambda *_: progress.advance(task),
        )
    for line in summary.errors:
        error(line)
    for line in summary.skipped:
        sys.stderr.write(f"skipped: {printable(line)}\n")
    duplicates = f", {summary.duplicate} duplicate (stored at another path)" if summary.duplicate else ""
    skipped = f", {len(summary.skipped)} skipped" if summary.skipped else ""
    sys.stdout.write(
        f"{summary.total} documents: {summary.new} new, {summary.unchanged} unchanged, "
        f"{summary.replaced} replaced, {summary.failed} failed{duplicates}{skipped}\n"
    )
    engine.dispose()
    if summary.failed:
        raise typer.Exit(1)


@app.command("fetch")
def fetch_command(
    site: Annotated[str, typer.Argument(help="The site's address (its home page or web service).")],
    since: Annotated[
        str | None, typer.Option("--since", help="First meeting date (default: after the newest stored).")
    ] = None,
    until: Annotated[str | None, typer.Option("--until", help="Last meeting date (default: today).")] = None,
    committees: Annotated[
        list[int] | None, typer.Option("--committee", help="A committee's id (repeatable; default: all).")
    ] = None,
    council: Annotated[
        str | None, typer.Option("--council", help="The council of documents that do not name theirs.")
    ] = None,
    url: DbOption = None,
    documents: Annotated[
        str, typer.Option("--documents", help="Linked documents to fetch: minutes, all or none.")
    ] = "minutes",
    platform: Annotated[str, typer.Option("--platform", help="moderngov (cmis: not yet).")] = "moderngov",
    contact: Annotated[
        str | None, typer.Option("--contact", help="Sent in the User-Agent (default: $MINUTES_CONTACT).")
    ] = None,
    rate: Annotated[float, typer.Option("--rate", min=0.001, help="Requests per second to the site.")] = 1.0,
    timeout: Annotated[float, typer.Option("--timeout", min=0.001, help="Seconds a request may wait.")] = 30.0,
    max_mb: Annotated[float, typer.Option("--max-mb", min=0.001, help="Largest download accepted, in MB.")] = 25,
    retries: Annotated[int, typer.Option("--retries", min=0, help="Tries again after a timeout, 429 or 5xx.")] = 4,
) -> None:
    """Fetch meetings and their minutes from a council's site and ingest them. Exit 1 if anything failed."""
    one_of(documents, ("minutes", "all", "none"), "--documents")
    one_of(platform, ("moderngov", "cmis"), "--platform")
    if platform == "cmis":
        error("--platform cmis: not supported yet")
        raise typer.Exit(2)
    max_bytes = int(max_mb * 1024 * 1024)
    settings = FetchSettings(
        site=site,
        since=date_option(since, "--since"),
        until=date_option(until, "--until"),
        committees=tuple(committees or ()),
        council=council.strip() if council else None,
        documents=cast(Documents, documents),
        http=HttpSettings(
            contact=contact, requests_per_second=rate, timeout_seconds=timeout, max_bytes=max_bytes, retries=retries
        ),
        ingest=Settings(load=LoadSettings(max_bytes=max_bytes), council=council.strip() if council else None),
    )
    engine = open_engine(url, must_exist=False)
    db.ensure_current(engine)
    summary = fetch_site(engine, settings)
    engine.dispose()
    for line in summary.failures:
        error(line)
    for line in summary.skipped:
        sys.stderr.write(f"skipped: {printable(line)}\n")
    sys.stdout.write(fetch_report(summary) + "\n")
    if summary.failures:
        raise typer.Exit(1)


@app.command("reextract")
def reextract_command(url: DbOption = None, pdf_engine: PdfEngineOption = "fast") -> None:
    """Extract again, from their stored bytes, the documents that older extractors read; each in its own
    transaction. Exit 1 if any could not be (it keeps its facts)."""
    settings = _settings(pdf_engine, 25)
    engine = open_engine(url)
    db.ensure_current(engine)
    summary = reextract(engine, settings.convert)
    engine.dispose()
    for line in summary.errors:
        error(line)
    sys.stdout.write(
        f"{summary.extracted} documents extracted again, {summary.current} already current, {summary.failed} failed\n"
    )
    if summary.failed:
        raise typer.Exit(1)


@app.command("eval")
def eval_command(
    gold_dir: Annotated[Path, typer.Argument(help="Gold JSON files, one per document (gold format).")],
    docs_dir: Annotated[Path, typer.Argument(help="The documents, named like the gold files (any extension).")],
    output_format: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    per_document: Annotated[bool, typer.Option("--per-doc", help="Also print tp/fp/fn per document.")] = False,
    require: Annotated[
        list[str] | None,
        typer.Option("--require", help="FIELD=MIN: exit 1 when F1 (or accuracy) is below MIN. Repeatable."),
    ] = None,
    pdf_engine: PdfEngineOption = "fast",
) -> None:
    """Extract every document that has a gold file and print precision, recall and F1 per field."""
    one_of(output_format, ("table", "json"), "--format")
    if not gold_dir.is_dir() or not docs_dir.is_dir():
        error(f"{gold_dir if not gold_dir.is_dir() else docs_dir}: not a folder")
        raise typer.Exit(2)
    try:
        requirements = [parse_requirement(text) for text in require or []]
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--require") from exc
    settings = _settings(pdf_engine, 25)

    def predict(path: Path) -> dict[str, object]:
        return to_gold_format(extract(convert(load(path, settings.load), settings.convert)), with_spans=False)

    report = evaluate(gold_dir, docs_dir, predict)
    if report.documents == 0:
        error(f"{gold_dir}: no gold files (*.json)")
        raise typer.Exit(2)
    if output_format == "json":
        sys.stdout.write(json.dumps(report.as_json(), indent=2) + "\n")
    else:
        sys.stdout.write(format_report(report, per_document) + "\n")
    failed = shortfalls(report, requirements)
    for line in failed:
        error(f"below requirement: {line}")
    if failed:
        raise typer.Exit(1)


@app.command("metrics")
def metrics_command(
    indicator: Annotated[str, typer.Argument(help="What is measured, e.g. 'children looked after rate'.")],
    url: DbOption = None,
    council: Annotated[str | None, typer.Option("--council", help="Only this council (part of its name).")] = None,
    unit: Annotated[
        str | None, typer.Option("--unit", help="Only figures in this unit (percent, per_10000, ...).")
    ] = None,
    output_format: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    plot: Annotated[Path | None, typer.Option("--plot", help="Also draw the series to this PNG file.")] = None,
) -> None:
    """The time series of one indicator across meetings: date, value, unit, comparator, period, source."""
    one_of(output_format, ("table", "csv", "json"), "--format")
    engine = open_engine(url)
    db.ensure_current(engine)
    points = metric_series(engine, indicator, council, unit)
    if not points:
        error(f"no figures for an indicator like {indicator!r}")
        raise typer.Exit(1)
    write_rows(
        output_format,
        lambda: series_csv(points),
        lambda: series_json(points),
        ("date", "value", "unit", "comparator", "period", "indicator", "document"),
        [
            (
                p.date.isoformat() if p.date else "",
                f"{p.value:g}",
                p.unit,
                p.comparator or "",
                p.period or "",
                p.indicator,
                f"{Path(p.document).name}:{p.span[0]}",
            )
            for p in points
        ],
    )
    if plot is not None:
        if not any(p.date for p in points):
            error(f"{plot}: no figure of {indicator!r} has a meeting date to plot against")
            raise typer.Exit(1)
        try:
            plot_series(points, indicator, plot)
        except ImportError as exc:
            error("--plot needs matplotlib: pip install 'minutes[plot]'")
            raise typer.Exit(2) from exc
    engine.dispose()


@app.command("actions")
def actions_command(
    url: DbOption = None,
    owner: Annotated[str | None, typer.Option("--owner", help="Owner's name or role (part of it).")] = None,
    body: Annotated[str | None, typer.Option("--body", help="Committee or board (part of its name).")] = None,
    status: Annotated[str | None, typer.Option("--status", help="open, done (reported back) or overdue.")] = None,
    output_format: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
) -> None:
    """Actions with their owners, due dates and whether a later meeting reported back."""
    one_of(output_format, ("table", "csv", "json"), "--format")
    one_of(status, ("open", "done", "overdue"), "--status")
    engine = open_engine(url)
    db.ensure_current(engine)
    rows = list_actions(engine, owner, body, cast(Status | None, status))
    write_rows(
        output_format,
        lambda: actions_csv(rows),
        lambda: to_json(rows),
        ("id", "date", "body", "owner", "due", "status", "action"),
        [
            (
                str(r.id),
                r.date.isoformat() if r.date else "",
                r.body or "",
                r.owner or "",
                r.due or "",
                r.status + (f" ({r.follow_ups})" if r.follow_ups else ""),
                r.text if len(r.text) <= 90 else r.text[:89] + "…",
            )
            for r in rows
        ],
    )
    engine.dispose()


@app.command("action")
def action_command(
    action_id: Annotated[int, typer.Argument(help="The action's id, as `minutes actions` lists it.")],
    url: DbOption = None,
    output_format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """One action: its owner, its evidence sentence and its trail of follow-ups."""
    one_of(output_format, ("text", "json"), "--format")
    engine = open_engine(url)
    db.ensure_current(engine)
    detail = action_detail(engine, action_id)
    engine.dispose()
    if detail is None:
        error(f"no action {action_id}")
        raise typer.Exit(1)
    if output_format == "json":
        sys.stdout.write(to_json(detail) + "\n")
        return
    a = detail.action
    owner = a.owner or "(no owner named)"
    if detail.owner_person:
        roles = f", {', '.join(detail.owner_roles)}" if detail.owner_roles else ""
        owner += f"  [person: {detail.owner_person}{roles}]"
    elif a.owner_candidates:
        owner += f"  [ambiguous: {'; '.join(a.owner_candidates)}]"
    lines = [
        f"action {a.id}: {a.text}",
        f"  meeting   {a.date.isoformat() if a.date else '(undated)'}  {a.body or ''}  item {a.item or '-'}",
        f"  topic     {a.topic or '-'}",
        f"  owner     {owner}",
        f"  requester {a.requester or '-'}",
        f"  due       {a.due or '-'}",
        f"  status    {a.status}",
        f"  evidence  {a.document} [{a.span[0]}:{a.span[1]}]",
        f"            {detail.sentence}",
        "  follow-ups" if detail.follow_ups else "  follow-ups: none yet",
    ]
    for f in detail.follow_ups:
        when = f.date.isoformat() if f.date else "(undated)"
        lines.append(f"    {when}  {f.body or ''}  {f.document} [{f.span[0]}:{f.span[1]}]")
        lines.append(f"      {f.text}")
    sys.stdout.write("\n".join(lines) + "\n")


@app.command("votes")
def votes_command(
    url: DbOption = None,
    person: Annotated[
        str | None, typer.Option("--person", help="Moved, seconded or voted by (part of the name).")
    ] = None,
    council: Annotated[str | None, typer.Option("--council", help="Only this council (part of its name).")] = None,
    body: Annotated[str | None, typer.Option("--body", help="Committee or board (part of its name).")] = None,
    result: Annotated[str | None, typer.Option("--result", help="carried, lost or withdrawn.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Meetings on or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Meetings on or before this date (YYYY-MM-DD).")] = None,
    output_format: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
) -> None:
    """Motions and their outcome: counts as printed, mover, seconder and, with --person, how they voted."""
    one_of(output_format, ("table", "csv", "json"), "--format")
    one_of(result, RESULTS, "--result")
    first, last = date_option(since, "--since"), date_option(until, "--until")
    engine = open_engine(url)
    db.ensure_current(engine)
    rows = list_votes(engine, person, council, body, cast(Result | None, result), first, last)
    columns = ("date", "body", "item", "result", "counts", "mover", "seconder", "motion")
    write_rows(
        output_format,
        lambda: votes_csv(rows),
        lambda: votes_json(rows),
        (*columns[:-1], "vote", columns[-1]) if person else columns,
        [
            (
                r.date.isoformat() if r.date else "",
                r.body or "",
                r.item or "",
                r.result or "",
                counts_text(r),
                r.mover or "",
                r.seconder or "",
                *((r.option or "",) if person else ()),
                clip(r.motion or "", 70),
            )
            for r in rows
        ],
    )
    engine.dispose()


@app.command("stats")
def stats_command(
    url: DbOption = None,
    output_format: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """Counts of documents (by status), meetings, items, attendances, people and facts."""
    engine = open_engine(url)
    db.ensure_current(engine)
    counts = database_stats(engine)
    if output_format == "json":
        sys.stdout.write(json.dumps(counts, indent=2) + "\n")
        return
    table = Table("what", "count")
    for name, value in counts.items():
        if isinstance(value, dict):
            for status, number in value.items():
                table.add_row(f"documents ({status})", str(number))
        else:
            table.add_row(name.replace("_", " "), str(value))
    out.print(table)


@db_app.command("upgrade")
def upgrade_command(url: DbOption = None, revision: str = "head") -> None:
    """Bring the database schema to the newest migration."""
    engine = open_engine(url, must_exist=False)
    db.upgrade(engine, revision)
    out.print(f"database at revision {db.current_revision(engine)}")


for name, command in COMMANDS.items():
    app.command(name)(command)
db_app.command("reindex")(reindex_command)


def main() -> None:
    app(prog_name="minutes")


if __name__ == "__main__":
    main()
