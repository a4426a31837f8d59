"""Ingesters run at once over overlapping folders, on one new database, store what one ingester stores."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

import db
from models import orm
from pipeline.ingest import ingest
from pipeline.resolve import IndicatorIndex
from tests.conftest import CORPUS, ROOT, seed


def _documents(root: Path) -> list[Path]:
    """Five documents of two councils' folders, and a copy of both folders elsewhere."""
    for name, sources in {
        "lancashire": [seed(prefix) for prefix in ("000", "001", "002", "003")],
        "limerick": sorted((CORPUS / "limerick").glob("*.md"))[:1],
    }.items():
        (root / "shared" / name).mkdir(parents=True)
        for source in sources:
            shutil.copy(source, root / "shared" / name)
    shutil.copytree(root / "shared", root / "mirror")
    return sorted((root / "shared").rglob("*.*"))


def _start(*arguments: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "MINUTES_DB": ""},
    )


def _rows(engine: Engine) -> dict[str, Counter[object]]:
    """The shared rows by what identifies them (a duplicate counts twice), documents by status, every path
    stored (as a document or another location of one), and the number of facts of each kind. Indicators
    are left to :func:`_near_duplicate_indicators`: which of two near-duplicate names an indicator takes
    is the first one stored, so it depends on the order of documents even for one ingester."""
    council = orm.Council.name
    with Session(engine) as session:
        queries = {
            "councils": select(council),
            "bodies": select(council, orm.Body.name).join(orm.Body, orm.Body.council_id == orm.Council.id),
            "meetings": select(council, orm.Body.name, orm.Meeting.date)
            .join(orm.Body, orm.Body.council_id == orm.Council.id)
            .join(orm.Meeting, orm.Meeting.body_id == orm.Body.id),
            "people": select(council, orm.Person.name_key).join(orm.Person, orm.Person.council_id == orm.Council.id),
            "documents": select(orm.SourceDocument.status),
            "paths": select(orm.SourceDocument.uri).union_all(select(orm.DocumentLocation.uri)),
        }
        rows: dict[str, Counter[object]] = {name: Counter(session.execute(q).all()) for name, q in queries.items()}
        rows["facts"] = Counter(
            {model.__tablename__: session.scalar(select(func.count()).select_from(model)) for model in orm.FACT_TABLES}
        )
    return rows


def _near_duplicate_indicators(engine: Engine) -> list[tuple[int, str]]:
    """Indicators of a council that one ingester would have folded onto an earlier one (whatever the order of
    documents, one ingester never stores two that match)."""
    indexes: dict[int | None, IndicatorIndex] = {}
    found = []
    with Session(engine) as session:
        for id_, council_id, key in session.execute(
            select(orm.Indicator.id, orm.Indicator.council_id, orm.Indicator.key).order_by(orm.Indicator.id)
        ):
            index = indexes.setdefault(council_id, IndicatorIndex())
            if index.match(key) is not None:
                found.append((id_, key))
            index.add(key, id_)
    return found


def _finish(process: subprocess.Popen[str]) -> str:
    """What the process printed; it must end well, with no traceback."""
    out, err = process.communicate(timeout=120)
    assert "Traceback" not in err, err
    assert process.returncode == 0, err
    return out


def test_processes_that_migrate_a_new_database_at_once_take_turns(fresh_database: str) -> None:
    migrators = [_start("db", "upgrade", "--db", fresh_database) for _ in range(3)]
    for migrator in migrators:
        assert "database at revision" in _finish(migrator)
    engine = db.make_engine(fresh_database)
    assert db.current_revision(engine) == db.head_revision()
    engine.dispose()


def test_ingesters_at_once_store_what_one_ingester_stores(fresh_database: str, tmp_path: Path) -> None:
    files = [str(path) for path in _documents(tmp_path)]
    # overlapping, in different orders: the ingesters store different documents of one council at once
    jobs = [files[:4], files[:0:-1], [str(tmp_path / "shared"), str(tmp_path / "mirror")]]
    many = db.make_engine(fresh_database)
    db.upgrade(many)  # so that the ingesters start writing together (migrating, they would take turns)
    ingesters = [_start("ingest", *job, "--db", fresh_database, "--workers", "1") for job in jobs]
    for ingester in ingesters:
        assert " 0 failed" in _finish(ingester)
    one = db.make_engine(f"sqlite:///{tmp_path / 'one.db'}")
    db.upgrade(one)
    ingest([*files, str(tmp_path / "shared"), str(tmp_path / "mirror")], one)
    stored = _rows(many)
    assert stored == _rows(one)
    assert _near_duplicate_indicators(many) == []
    assert stored["documents"] == Counter({("ok",): 5})
    assert len(stored["paths"]) == 10
    many.dispose()
    one.dispose()


def test_writers_take_turns(engine: Engine) -> None:
    """A second writer waits for the first's transaction to end (PostgreSQL: an advisory lock; SQLite: its write
    lock taken at the start), so it sees all that the first stored."""
    turns: list[str] = []

    def second() -> None:
        with db.writing(engine):
            turns.append("second")

    waiting = threading.Thread(target=second)
    with db.writing(engine):
        waiting.start()
        waiting.join(timeout=1.0)
        assert waiting.is_alive()
        turns.append("first")
    waiting.join(timeout=30)
    assert turns == ["first", "second"]
