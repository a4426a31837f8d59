"""The read side (queries/) on SQLite and PostgreSQL over real minutes of two councils: full-text search,
meetings, resolutions, people, documents and indicators, the search index kept in step with the stored
rows, and the views for Datasette and spreadsheet readers."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

import db
from models import orm
from pipeline.ingest import ingest
from queries.documents import documents
from queries.indicators import indicators
from queries.meetings import meeting, meetings
from queries.people import people, person
from queries.resolutions import resolutions
from queries.search import Hit, parse, rebuild, search
from tests.conftest import CORPUS, SEEDS, _postgres_engine

# a county council's performance papers and minutes (a decision page, minutes, a committee's item pages)
COUNTY = sorted(SEEDS.glob("*.txt"))
# an Irish municipal district's minutes, two meetings a month apart
DISTRICT = sorted((CORPUS / "limerick").glob("adare-rathkeale-*.md"))
VIEWS = ("resolution_view", "action_view", "metric_view", "attendance_view", "vote_view")
QUERIES = ("foster", '"children in care"', "landfill", "performance report", "Gortadroma", "minutes adopted")


def _corpus(folder: Path) -> list[Path]:
    """The documents, copied one council to a folder, in the order they are ingested."""
    copies = []
    for source in [*COUNTY, *DISTRICT]:
        target = folder / source.parent.name / source.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        copies.append(target)
    return copies


def _store(engine: Engine, paths: list[Path]) -> None:
    summary = ingest([str(p) for p in paths], engine, workers=1)
    assert (summary.new, summary.failed) == (len(paths), 0), summary.errors


@pytest.fixture
def stored(engine: Engine, tmp_path: Path) -> Engine:
    _store(engine, _corpus(tmp_path / "docs"))
    return engine


def _keys(hits: list[Hit]) -> list[tuple[str, int]]:
    return [(hit.kind, hit.id) for hit in hits]


def _text_of(engine: Engine, hit: Hit) -> str:
    column = {
        "resolution": orm.Resolution.text,
        "item": orm.AgendaItem.title,
        "action": orm.Action.text,
        "vote": orm.VoteEvent.motion,
        "document": orm.SourceDocument.text,
    }[hit.kind]
    with Session(engine) as session:
        return str(session.execute(select(column).where(column.class_.id == hit.id)).scalar_one())


# --- search ---------------------------------------------------------------------------------


def test_a_query_is_read_as_words_and_phrases_only() -> None:
    terms = parse('"children in care" foster OR -x* "unclosed')
    assert terms.phrases == ("children in care",)
    assert terms.words == ("foster", "OR", "x", "unclosed")


def test_a_word_finds_its_other_forms(stored: Engine) -> None:
    hits = search(stored, "foster", limit=50)
    action = next(hit for hit in hits if hit.kind == "action")
    assert "fostering" in _text_of(stored, action)
    assert "<mark>fostering</mark>" in action.snippet
    assert action.council == "Lancashire County Council" and action.document.endswith(".txt")
    assert {hit.kind for hit in hits} == {"action", "document"}


def test_a_phrase_is_found_as_a_phrase(stored: Engine) -> None:
    hits = search(stored, '"children in care"', limit=50)
    item = next(hit for hit in hits if hit.kind == "item")
    assert _text_of(stored, item) == "Children in Care and Care Leavers Performance Information"
    assert (item.body, item.date) == ("Corporate Parenting Board", dt.date(2019, 11, 26))
    for hit in hits:
        assert "children in care" in " ".join(_text_of(stored, hit).lower().split())
    # the words alone, not as a phrase, are found in more places
    assert len(search(stored, "children in care", limit=50)) > len(hits)


def test_hits_are_ranked_best_first_and_ties_by_kind_then_id(stored: Engine) -> None:
    hits = search(stored, "council", limit=100)
    kinds = ("resolution", "item", "action", "vote", "document")
    keys = [(-round(h.score, 9), kinds.index(h.kind), h.id) for h in hits]
    assert len(hits) > 5 and keys == sorted(keys)
    assert _keys(search(stored, "council", limit=3)) == _keys(hits)[:3]


def test_search_filters_by_kind_council_body_and_date(stored: Engine) -> None:
    assert {h.kind for h in search(stored, "performance", kind="item", limit=50)} == {"item"}
    district = search(stored, "landfill", council="limerick", limit=50)
    assert district and all(h.council == "limerick (unnamed council)" for h in district)
    assert len(search(stored, "landfill", limit=50)) > len(district)  # the county's document too
    october = search(stored, "Gortadroma", since=dt.date(2014, 10, 1), until=dt.date(2014, 10, 31), limit=50)
    assert october and {h.date for h in october} == {dt.date(2014, 10, 7)}
    board = search(stored, "care", body="parenting", limit=50)
    assert board and {h.body for h in board} == {"Corporate Parenting Board"}


def test_snippets_are_escaped_html(engine: Engine, tmp_path: Path) -> None:
    hostile = tmp_path / "hostile" / "minutes.txt"
    hostile.parent.mkdir()
    hostile.write_text("Minutes of the meeting\n\n<script>alert(1)</script> the zebrafish [bold]report[/bold]\n")
    _store(engine, [hostile])
    (hit,) = search(engine, "zebrafish")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; the <mark>zebrafish</mark> [bold]report[/bold" in hit.snippet


def test_the_index_follows_a_replaced_document(engine: Engine, tmp_path: Path) -> None:
    (document,) = [p for p in _corpus(tmp_path / "docs") if p.name == DISTRICT[0].name]
    _store(engine, [document])
    assert search(engine, "Gortadroma")
    document.write_text(document.read_text().replace("Gortadroma", "Ballyquirke"))
    assert ingest([str(document)], engine, workers=1).replaced == 1
    assert search(engine, "Gortadroma") == []
    found = search(engine, "Ballyquirke", limit=50)
    assert found and all(h.document == str(document) for h in found)


@pytest.mark.postgres
def test_the_same_data_gives_the_same_hits_on_both_engines(tmp_path: Path, postgres_reason: str | None) -> None:
    sqlite = db.make_engine(f"sqlite:///{tmp_path / 'same.db'}")
    db.upgrade(sqlite)
    postgres: Iterator[Engine] = _postgres_engine(postgres_reason)
    pg = next(postgres)
    try:
        db.upgrade(pg)
        paths = _corpus(tmp_path / "docs")
        _store(sqlite, paths)
        _store(pg, paths)
        for query in QUERIES:
            on_sqlite, on_pg = search(sqlite, query, limit=100), search(pg, query, limit=100)
            assert on_sqlite, query
            assert sorted(_keys(on_sqlite)) == sorted(_keys(on_pg)), query
            places = {(h.kind, h.id, h.council, h.body, h.date, h.document) for h in on_sqlite}
            assert places == {(h.kind, h.id, h.council, h.body, h.date, h.document) for h in on_pg}, query
    finally:
        sqlite.dispose()
        postgres.close()


def test_rebuild_refills_the_index(stored: Engine) -> None:
    before = _keys(search(stored, "landfill", limit=50))
    if stored.dialect.name == "sqlite":
        with stored.begin() as connection:
            connection.exec_driver_sql("insert into source_document_fts (source_document_fts) values ('delete-all')")
        assert search(stored, "landfill", kind="document") == []
    rebuild(stored)
    assert _keys(search(stored, "landfill", limit=50)) == before


def test_an_index_made_after_the_rows_holds_them(stored: Engine) -> None:
    before = _keys(search(stored, "foster", limit=50))
    db.downgrade(stored, "0006")
    db.upgrade(stored)
    assert before and _keys(search(stored, "foster", limit=50)) == before


# --- browsing -------------------------------------------------------------------------------


def test_meetings_filtered_and_counted(stored: Engine) -> None:
    everything = meetings(stored)
    assert len(everything) == 7
    district = meetings(stored, council="limerick")
    assert [m.date for m in district] == [dt.date(2014, 9, 9), dt.date(2014, 10, 7)]
    assert all(m.body == "MUNICIPAL DISTRICT OF ADARE-RATHKEALE" and m.documents == 1 for m in district)
    assert [m.date for m in meetings(stored, since=dt.date(2018, 1, 1), until=dt.date(2018, 12, 31))] == [
        dt.date(2018, 2, 27),
        dt.date(2018, 10, 4),
    ]
    assert [m.body for m in meetings(stored, body="parenting")] == ["Corporate Parenting Board"]


def test_one_meeting_with_everything_its_documents_record(stored: Engine) -> None:
    first = meetings(stored, council="limerick")[0]
    detail = meeting(stored, first.id)
    assert detail is not None
    assert len(detail.items) == first.items == 9 and len(detail.resolutions) == first.resolutions == 3
    assert detail.attendance and all(a.status for a in detail.attendance)
    assert [i.title for i in detail.items[:3]] == ["Adoption of Minutes", "Corporate Services", "Environment and Water"]
    assert detail.actions and all(a.text for a in detail.actions)
    assert [d.uri.endswith("adare-rathkeale-2014-09-09.md") for d in detail.documents] == [True]
    assert meeting(stored, 9999) is None


def test_resolutions_of_a_body(stored: Engine) -> None:
    rows = resolutions(stored, council="limerick")
    assert len(rows) == 4 and rows[0].text.startswith("“That, the draft Minutes")
    assert all(r.date is not None and r.date.year == 2014 for r in rows)
    assert [r.text for r in resolutions(stored, body="Children & Learning")] == [
        "The Sub-Committee noted the performance report."
    ]


def test_people_and_one_persons_record(stored: Engine) -> None:
    (driver,) = people(stored, "Driver")
    assert (driver.kind, driver.roles, driver.meetings, driver.present) == ("councillor", ("County Councillor",), 1, 0)
    detail = person(stored, driver.id)
    assert detail is not None
    assert [(a.date, a.status) for a in detail.attendance] == [(dt.date(2018, 2, 27), "apologies")]
    assert people(stored, "Driver", council="limerick") == []
    assert person(stored, 99999) is None


def test_documents_with_the_reason_they_failed(engine: Engine, tmp_path: Path) -> None:
    paths = _corpus(tmp_path / "docs")[:2]
    empty = tmp_path / "docs" / "broken" / "empty.txt"
    empty.parent.mkdir()
    empty.write_bytes(b"")
    ingest([*map(str, paths), str(empty)], engine, workers=1)
    (failed,) = documents(engine, status="failed")
    assert failed.uri == str(empty) and failed.error
    assert {d.uri for d in documents(engine, status="ok")} == set(map(str, paths))


def test_indicators_with_their_counts_and_councils(stored: Engine) -> None:
    rows = indicators(stored, "looked after")
    (known,) = [r for r in rows if r.name == "number of looked after children"]
    assert known.council == "Lancashire County Council" and known.figures >= 5
    assert "per_10000" in known.units and known.first == dt.date(2018, 10, 4)
    assert indicators(stored, "looked after", council="limerick") == []


# --- views ----------------------------------------------------------------------------------


def test_views_need_no_joins(stored: Engine) -> None:
    with stored.connect() as connection:
        for view, model in zip(
            VIEWS, (orm.Resolution, orm.Action, orm.Metric, orm.Attendance, orm.VoteEvent), strict=True
        ):
            rows = connection.execute(text(f"select council, body, meeting_date, document from {view}")).all()
            facts = connection.execute(select(func.count()).select_from(model)).scalar_one()
            assert len(rows) == facts, view
            assert all(document for *_, document in rows), view
        dated = connection.execute(
            text("select meeting_date from resolution_view where council like 'limerick%' order by meeting_date")
        ).scalars()
        assert [str(date)[:10] for date in dated] == ["2014-09-09"] * 3 + ["2014-10-07"]


def test_sqlite_utils_sees_the_search_tables_and_views(tmp_path: Path) -> None:
    path = tmp_path / "datasette.db"
    engine = db.make_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    _store(engine, _corpus(tmp_path / "docs"))
    engine.dispose()
    database = sqlite_utils.Database(path)
    for table in ("resolution", "agenda_item", "action", "vote_event", "source_document"):
        assert database[table].detect_fts() == f"{table}_fts"  # type: ignore[union-attr]
    assert set(VIEWS) <= set(database.view_names())
    assert [row["title"] for row in database["agenda_item"].search('"children in care"')] == [  # type: ignore[union-attr]
        "Children in Care and Care Leavers Performance Information"
    ]
