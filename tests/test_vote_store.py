"""Votes in the database, on SQLite and PostgreSQL: vote events and named votes from real minutes, linked to
agenda items, resolutions and the people of the same council only; replaced with their document; listed by
``minutes votes``."""

from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, aliased

from models import orm
from pipeline.ingest import Settings, ingest, process_file
from pipeline.resolve import one_person, people_fitting
from tests.conftest import CORPUS, minutes

# a city council's minutes: roll-call votes, one motion lost 2-5 (moved by Huber, seconded by Brown)
CITY = CORPUS / "chico-ca" / "chico-ca-2021-02-02-minutes-text-extract.txt"
# a water district's board: members present by full name, votes by surname, five motions of one item carried
BOARD = CORPUS / "fair-oaks-water-district-ca" / "fair-oaks-water-district-ca-2026-01-26-minutes-pdftotext.txt"
# a county board of education: a trustee Brown, as the city council has a councilmember Brown
SCHOOLS = CORPUS / "sacramento-county-boe-ca" / "sacramento-county-boe-ca-2025-09-16-minutes-pdftotext.txt"


@dataclass(frozen=True)
class Copies:
    city: Path
    board: Path
    schools: Path


def _copy(source: Path, folder: Path) -> Path:
    """The document in a folder of its own under ``folder``: each folder is one council."""
    target = folder / source.parent.name / source.name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


@pytest.fixture
def copies(tmp_path: Path) -> Copies:
    return Copies(_copy(CITY, tmp_path), _copy(BOARD, tmp_path), _copy(SCHOOLS, tmp_path))


@pytest.fixture
def stored(engine: Engine, copies: Copies) -> Copies:
    summary = ingest([str(copies.city), str(copies.board), str(copies.schools)], engine)
    assert (summary.new, summary.failed) == (3, 0), summary.errors
    return copies


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def _votes_of(engine: Engine, document: Path) -> list[orm.VoteEvent]:
    with Session(engine) as session:
        query = (
            select(orm.VoteEvent)
            .join(orm.SourceDocument, orm.SourceDocument.id == orm.VoteEvent.document_id)
            .where(orm.SourceDocument.uri == str(document))
            .order_by(orm.VoteEvent.span_start)
        )
        return list(session.scalars(query))


def _the_vote(engine: Engine, document: Path, motion: str, result: str) -> orm.VoteEvent:
    """The one vote of ``result`` whose motion is, or starts with, ``motion``."""
    (vote,) = [v for v in _votes_of(engine, document) if (v.motion or "").startswith(motion) and v.result == result]
    return vote


def _person(engine: Engine, person_id: int | None) -> orm.Person:
    assert person_id is not None
    with Session(engine) as session:
        person = session.get(orm.Person, person_id)
    assert person is not None
    return person


def _council_of_document(engine: Engine, document: Path) -> int:
    with Session(engine) as session:
        query = (
            select(orm.Body.council_id)
            .join(orm.Meeting, orm.Meeting.body_id == orm.Body.id)
            .join(orm.SourceDocument, orm.SourceDocument.meeting_id == orm.Meeting.id)
            .where(orm.SourceDocument.uri == str(document))
        )
        return int(session.execute(query).scalar_one())


def _named_votes(engine: Engine, vote_id: int) -> dict[str, tuple[str, str | None]]:
    """Each named voter as written: (option, the linked person's name)."""
    with Session(engine) as session:
        rows = session.execute(
            select(orm.PersonVote.name, orm.PersonVote.option, orm.Person.name)
            .outerjoin(orm.Person, orm.Person.id == orm.PersonVote.person_id)
            .where(orm.PersonVote.vote_event_id == vote_id)
        ).all()
    return {name: (option, person) for name, option, person in rows}


def _count(engine: Engine, model: type[orm.Base]) -> int:
    with Session(engine) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


# --- linking names to people (pure) ---------------------------------------------------------


def test_a_title_and_surname_fit_the_one_attendee_of_that_surname() -> None:
    attendees = [(1, "smith|j"), (2, "jones|a")]
    assert people_fitting("Cllr Smith", attendees) == {1}
    assert one_person("Councillor Smith", attendees) == 1
    assert one_person("J Smith", attendees) == 1
    assert one_person("B Smith", attendees) is None  # another initial is someone else


def test_a_name_that_fits_several_or_no_one_is_no_one() -> None:
    assert one_person("Cllr Smith", [(1, "smith|j"), (2, "smith|a")]) is None
    assert one_person("Cllr Brown", [(1, "smith|j")]) is None
    assert one_person("A Smith", [(1, "smith|a"), (2, "smith|")]) == 1  # the initial picks the one with it


def test_the_attendees_are_tried_before_the_council_and_decide_when_any_fits() -> None:
    attendees, council = [(1, "smith|j")], [(1, "smith|j"), (7, "smith|a"), (9, "patel|r")]
    assert one_person("Smith", attendees, council) == 1
    assert one_person("Patel", attendees, council) == 9
    assert one_person("Smith", [(1, "smith|j"), (3, "smith|k")], [(1, "smith|j")]) is None


# --- what is stored ---------------------------------------------------------------------------


def test_every_vote_and_named_vote_is_stored(engine: Engine, stored: Copies) -> None:
    for document in (stored.city, stored.board, stored.schools):
        extraction = process_file(document, Settings()).extraction
        assert extraction is not None
        votes = _votes_of(engine, document)
        assert [(v.result, v.for_count, v.against_count, v.mover_text) for v in votes] == [
            (v.result, v.for_count, v.against_count, v.mover) for v in extraction.votes
        ]
        named = sum(len(_named_votes(engine, v.id)) for v in votes)
        assert named == len({(v.evidence.span, n.name) for v in extraction.votes for n in v.named})


def test_a_lost_vote_keeps_its_counts_mover_seconder_and_named_votes(engine: Engine, stored: Copies) -> None:
    lost = _the_vote(engine, stored.city, "to authorize", "lost")
    assert (lost.for_count, lost.against_count, lost.abstain_count) == (2, 5, None)
    assert (lost.mover_text, lost.seconder_text, lost.item_number) == ("Huber", "Brown", "6.2")
    assert (_person(engine, lost.mover_id).name, _person(engine, lost.seconder_id).name) == ("Huber", "Brown")
    assert _named_votes(engine, lost.id) == {
        "Huber": ("for", "Huber"),
        "Brown": ("for", "Brown"),
        "Denlay": ("against", "Denlay"),
        "Morgan": ("against", "Morgan"),
        "Tandon": ("against", "Tandon"),
        "Reynolds": ("against", "Reynolds"),
        "Coolidge": ("against", "Coolidge"),
    }
    with Session(engine) as session:
        item = session.get(orm.AgendaItem, lost.agenda_item_id)
    assert item is not None and (item.number, item.title) == ("6.2", "Council Action")


def test_a_surname_links_to_the_attendee_of_the_full_name(engine: Engine, stored: Copies) -> None:
    votes = _votes_of(engine, stored.board)
    movers = [(_person(engine, v.mover_id).name, _person(engine, v.seconder_id).name) for v in votes]
    assert movers == [
        ("George Babcock", "Mark Dolby"),
        ("Misha Sarkovich", "Randy Marx"),
        ("Randy Marx", "Misha Sarkovich"),
        ("Misha Sarkovich", "Chris Petersen"),
        ("Misha Sarkovich", "Chris Petersen"),
    ]
    assert _named_votes(engine, votes[0].id)["Dolby"] == ("for", "Mark Dolby")


def test_a_carried_vote_links_the_resolution_of_its_motion_and_a_lost_one_none(engine: Engine, stored: Copies) -> None:
    with Session(engine) as session:
        resolutions = {r.id: (r.item_number, r.text) for r in session.scalars(select(orm.Resolution))}
    for vote in _votes_of(engine, stored.board):  # five carried motions of item VI and b, each its own resolution
        assert vote.resolution_id is not None
        assert resolutions[vote.resolution_id] == (vote.item_number, vote.motion)
    assert len({v.resolution_id for v in _votes_of(engine, stored.board)}) == 5
    appeal = _the_vote(
        engine,
        stored.city,
        "to deny the administrative appeal filed by the Northern California Environmental Defense Center",
        "carried",
    )
    assert appeal.resolution_id is not None
    assert resolutions[appeal.resolution_id] == ("4.2", appeal.motion)
    lost = _the_vote(engine, stored.city, "to authorize", "lost")
    # the item has a resolution holding the same words, and still the lost motion resolved nothing
    assert any(item == "6.2" and "to authorize" in text for item, text in resolutions.values())
    assert lost.resolution_id is None


def test_people_link_within_their_own_council_only(engine: Engine, stored: Copies) -> None:
    city_brown = _person(engine, _the_vote(engine, stored.city, "to authorize", "lost").seconder_id)
    schools_brown = _person(engine, next(v.mover_id for v in _votes_of(engine, stored.schools) if v.mover_text))
    assert city_brown.name == schools_brown.name == "Brown"
    assert city_brown.id != schools_brown.id
    assert city_brown.council_id == _council_of_document(engine, stored.city)
    assert schools_brown.council_id == _council_of_document(engine, stored.schools)
    assert _links_across_councils(engine) == 0


def _links_across_councils(engine: Engine) -> int:
    """Mover, seconder and named-vote links to a person of another council than the vote's meeting's."""
    linked = aliased(orm.Person)
    crossing = 0
    with Session(engine) as session:
        for column in (orm.VoteEvent.mover_id, orm.VoteEvent.seconder_id):
            crossing += (
                session.scalar(
                    select(func.count())
                    .select_from(orm.VoteEvent)
                    .join(orm.Meeting, orm.Meeting.id == orm.VoteEvent.meeting_id)
                    .join(orm.Body, orm.Body.id == orm.Meeting.body_id)
                    .join(linked, linked.id == column)
                    .where(linked.council_id != orm.Body.council_id)
                )
                or 0
            )
        crossing += (
            session.scalar(
                select(func.count())
                .select_from(orm.PersonVote)
                .join(orm.VoteEvent, orm.VoteEvent.id == orm.PersonVote.vote_event_id)
                .join(orm.Meeting, orm.Meeting.id == orm.VoteEvent.meeting_id)
                .join(orm.Body, orm.Body.id == orm.Meeting.body_id)
                .join(linked, linked.id == orm.PersonVote.person_id)
                .where(linked.council_id != orm.Body.council_id)
            )
            or 0
        )
    return crossing


def test_a_council_whose_minutes_list_no_attendees_links_its_own_people_not_anothers(
    engine: Engine, stored: Copies, tmp_path: Path
) -> None:
    """The same minutes, without their roll call, from another council's folder: the votes' names fit that
    council's people (those its minutes name), never the first council's members of the same surnames."""
    text = stored.city.read_text(encoding="utf-8")
    elsewhere = tmp_path / "elsewhere" / "minutes.txt"
    elsewhere.parent.mkdir()
    elsewhere.write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith(("Present: ", "Absent: "))),
        encoding="utf-8",
    )
    assert ingest([str(elsewhere)], engine).new == 1
    council = _council_of_document(engine, elsewhere)
    assert council != _council_of_document(engine, stored.city)
    lost = _the_vote(engine, elsewhere, "to authorize", "lost")
    mover, seconder = _person(engine, lost.mover_id), _person(engine, lost.seconder_id)
    assert (mover.name, mover.council_id, seconder.name, seconder.council_id) == ("Huber", council, "Brown", council)
    assert _links_across_councils(engine) == 0


def test_reingest_changes_nothing_and_replacing_a_document_leaves_no_orphans(engine: Engine, stored: Copies) -> None:
    before = {model.__tablename__: _count(engine, model) for model in (orm.VoteEvent, orm.PersonVote, orm.Person)}
    city_votes = [v.id for v in _votes_of(engine, stored.city)]
    again = ingest([str(stored.city), str(stored.board), str(stored.schools)], engine)
    assert (again.unchanged, again.new, again.replaced) == (3, 0, 0)
    stored.city.write_text(stored.city.read_text(encoding="utf-8") + "\nAdjourned.\n", encoding="utf-8")
    assert ingest([str(stored.city)], engine).replaced == 1
    after = {model.__tablename__: _count(engine, model) for model in (orm.VoteEvent, orm.PersonVote, orm.Person)}
    assert after == before
    assert not {v.id for v in _votes_of(engine, stored.city)} & set(city_votes)  # the old rows are gone
    with Session(engine) as session:
        orphans = session.scalar(
            select(func.count())
            .select_from(orm.PersonVote)
            .outerjoin(orm.VoteEvent, orm.VoteEvent.id == orm.PersonVote.vote_event_id)
            .where(orm.VoteEvent.id.is_(None))
        )
        stale = session.scalar(
            select(func.count())
            .select_from(orm.PersonVote)
            .join(orm.VoteEvent, orm.VoteEvent.id == orm.PersonVote.vote_event_id)
            .where(orm.VoteEvent.document_id != orm.PersonVote.document_id)
        )
    assert (orphans, stale) == (0, 0)


# --- minutes votes ------------------------------------------------------------------------------


def test_votes_of_a_person_as_json_with_their_option(engine: Engine, stored: Copies) -> None:
    result = minutes("votes", "--db", _url(engine), "--person", "Sarkovich", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(r["mover"], r["seconder"], r["option"], r["result"]) for r in rows] == [
        ("Babcock", "Dolby", "for", "carried"),
        ("Sarkovich", "Marx", "for", "carried"),
        ("Marx", "Sarkovich", "for", "carried"),
        ("Sarkovich", "Petersen", "for", "carried"),
        ("Sarkovich", "Petersen", "for", "carried"),
    ]
    assert {r["date"] for r in rows} == {"2026-01-26"}
    assert rows[1]["mover_person"] == "Misha Sarkovich"
    # the linked person's full name finds the same votes as the surname the minutes write
    full = minutes("votes", "--db", _url(engine), "--person", "Misha Sarkovich", "--format", "json")
    assert [r["id"] for r in json.loads(full.stdout)] == [r["id"] for r in rows]


def test_votes_of_a_person_as_csv_filtered_by_result_and_council(engine: Engine, stored: Copies) -> None:
    result = minutes("votes", "--db", _url(engine), "--person", "Brown", "--result", "lost", "--format", "csv")
    assert result.returncode == 0, result.stderr
    (row,) = list(csv.DictReader(io.StringIO(result.stdout)))
    assert (row["date"], row["item"], row["for"], row["against"], row["abstain"]) == ("2021-02-02", "6.2", "2", "5", "")
    assert (row["mover"], row["seconder"], row["option"], row["motion"]) == ("Huber", "Brown", "for", "to authorize")
    schools = minutes("votes", "--db", _url(engine), "--person", "Brown", "--council", "sacramento", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(schools.stdout)))
    assert rows and {r["body"] for r in rows} == {"Sacramento County Board of Education"}
    against = [
        r
        for r in csv.DictReader(
            io.StringIO(
                minutes(
                    "votes", "--db", _url(engine), "--person", "Brown", "--council", "chico", "--format", "csv"
                ).stdout
            )
        )
        if r["option"] == "against"
    ]
    assert [(r["item"], r["for"], r["against"]) for r in against] == [("7.1", "6", "1")]


def test_votes_as_a_table_and_usage_errors(engine: Engine, stored: Copies) -> None:
    result = minutes(
        "votes", "--db", _url(engine), "--person", "Huber", "--since", "2021-02-02", "--until", "2021-02-02"
    )
    assert result.returncode == 0, result.stderr
    assert "lost" in result.stdout and "2-5" in result.stdout and "Huber" in result.stdout
    none = minutes("votes", "--db", _url(engine), "--person", "Huber", "--since", "2021-02-03", "--format", "json")
    assert json.loads(none.stdout) == []
    assert minutes("votes", "--db", _url(engine), "--result", "tabled").returncode == 2
    assert minutes("votes", "--db", _url(engine), "--since", "2 February 2021").returncode == 2


def test_stats_count_vote_events_and_person_votes(engine: Engine, stored: Copies) -> None:
    stats = json.loads(minutes("stats", "--db", _url(engine), "--format", "json").stdout)
    assert (stats["vote_events"], stats["person_votes"]) == (
        _count(engine, orm.VoteEvent),
        _count(engine, orm.PersonVote),
    )
    assert stats["vote_events"] >= 20
