"""One council's bodies, meetings and people never merge with another's, whatever the order of ingest."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

import db
from models import orm
from tests.conftest import minutes

CABINET = (
    "Cabinet\nMinutes of the meeting held on 4 March 2024\nPresent: Councillor {member} (Chair), Councillor {other}\n"
    "1. Apologies\nThere were no apologies.\n2. Budget\nRESOLVED: That the budget be approved.\n"
)
NAMED = (
    "Riverside District Council\nCabinet\nMinutes of the meeting held on 11 March 2024\n"
    "Present: Councillor J Jones (Chair), Councillor A Smith\n1. Apologies\nNone.\n"
)


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def _two_councils_folders(root: Path) -> tuple[Path, Path]:
    """Two councils' cabinets sitting on the same day, neither naming its council; the first folder also
    holds a later meeting whose minutes do."""
    first, second = root / "riverside", root / "hillside"
    first.mkdir()
    second.mkdir()
    (first / "cabinet-2024-03-04.txt").write_text(CABINET.format(member="J Jones", other="A Smith"))
    (second / "cabinet-2024-03-04.txt").write_text(CABINET.format(member="Julie Jones", other="B Brown"))
    (first / "cabinet-2024-03-11.txt").write_text(NAMED)
    return first, second


def _attribution(engine: Engine) -> set[tuple[str, str, str]]:
    """(council, body, meeting date) of every meeting, and the councils' people, by name."""
    with Session(engine) as session:
        meetings = session.execute(
            select(orm.Council.name, orm.Body.name, orm.Meeting.date)
            .join(orm.Body, orm.Body.council_id == orm.Council.id)
            .join(orm.Meeting, orm.Meeting.body_id == orm.Body.id)
        ).all()
        people = session.execute(
            select(orm.Council.name, orm.Person.name).join(orm.Person, orm.Person.council_id == orm.Council.id)
        ).all()
    return {(c, b, str(d)) for c, b, d in meetings} | {(c, "person", p) for c, p in people}


def test_two_councils_cabinets_on_one_day_stay_apart(engine: Engine, tmp_path: Path) -> None:
    first, second = _two_councils_folders(tmp_path)
    assert minutes("ingest", str(first), str(second), "--db", _url(engine)).returncode == 0
    found = _attribution(engine)
    assert ("Riverside District Council", "Cabinet", "2024-03-04") in found
    assert ("Riverside District Council", "Cabinet", "2024-03-11") in found
    assert ("hillside (unnamed council)", "Cabinet", "2024-03-04") in found
    # 'J Jones' of one council is not 'Julie Jones' of the other
    assert ("Riverside District Council", "person", "J Jones") in found
    assert ("hillside (unnamed council)", "person", "Julie Jones") in found
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(orm.Body).where(orm.Body.council_id.is_(None))) == 0
        assert session.scalar(select(func.count()).select_from(orm.Meeting)) == 3


def test_the_order_of_ingest_changes_no_attribution(tmp_path: Path) -> None:
    first, second = _two_councils_folders(tmp_path)
    orders = {
        "forward": sorted([*first.iterdir(), *second.iterdir()]),
        "reverse": sorted([*first.iterdir(), *second.iterdir()], reverse=True),
    }
    found = {}
    for name, files in orders.items():
        engine = db.make_engine(f"sqlite:///{tmp_path / f'{name}.db'}")
        for path in files:  # one document at a time, in this order
            assert minutes("ingest", str(path), "--db", _url(engine)).returncode == 0
        found[name] = _attribution(engine)
        engine.dispose()
    assert found["forward"] == found["reverse"]


def test_ingest_council_names_the_council_of_documents_that_do_not(engine: Engine, tmp_path: Path) -> None:
    first, _ = _two_councils_folders(tmp_path)
    unnamed = first / "cabinet-2024-03-04.txt"
    result = minutes("ingest", str(unnamed), "--db", _url(engine), "--council", "Riverside District Council")
    assert result.returncode == 0, result.stderr
    assert ("Riverside District Council", "Cabinet", "2024-03-04") in _attribution(engine)
