"""minutes metrics (and the stored data behind it), run as a researcher runs it, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine

from tests.conftest import SEEDS, minutes


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def _ingest_seeds(engine: Engine) -> str:
    url = _url(engine)
    result = minutes("ingest", str(SEEDS), "--db", url, "--workers", "1")
    assert result.returncode == 0, result.stderr
    return url


def test_metrics_series_with_comparators(engine: Engine) -> None:
    url = _ingest_seeds(engine)
    result = minutes("metrics", "children looked after rate", "--db", url, "--unit", "per_10000", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    got = {(row["value"], row["comparator"]) for row in rows}
    # 'The CLA rate of 77.8 ... national (62.0) and statistical neighbour (65.5) ... regional rate (86.0)'
    assert {(77.8, None), (62.0, "national"), (65.5, "statistical_neighbours"), (86.0, "regional")} <= got
    assert all(row["unit"] == "per_10000" and row["document"].endswith(".txt") for row in rows)


def test_metrics_csv_and_plot(engine: Engine, tmp_path: Path) -> None:
    url = _ingest_seeds(engine)
    chart = tmp_path / "series.png"
    result = minutes("metrics", "looked after children", "--db", url, "--format", "csv", "--plot", str(chart))
    assert result.returncode == 0, result.stderr
    header, *lines = result.stdout.splitlines()
    assert header.startswith("date,value,unit,comparator,period,indicator")
    assert any(line.startswith("2018-10-04,") for line in lines)  # the dated decision page
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_metrics_unknown_indicator_is_one_line(engine: Engine) -> None:
    url = _ingest_seeds(engine)
    result = minutes("metrics", "number of unicorns", "--db", url)
    assert result.returncode == 1
    assert result.stderr.strip() == "error: no figures for an indicator like 'number of unicorns'"


def test_one_person_record_per_councillor_across_documents(engine: Engine) -> None:
    """'County Councillor Driver' on a decision page that names no council, then in minutes that do."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from models import orm

    _ingest_seeds(engine)
    with Session(engine) as session:
        drivers = session.scalars(select(orm.Person).where(orm.Person.name_key.like("driver|%"))).all()
        assert [(p.name, p.kind) for p in drivers] == [("Driver", "councillor")]
        talbots = session.scalars(select(orm.Person).where(orm.Person.name_key == "talbot|d")).all()
        assert len(talbots) == 1 and talbots[0].kind == "officer"
        roles = session.scalars(select(orm.PersonRole.role).where(orm.PersonRole.person_id == talbots[0].id)).all()
        assert "Head of Service, Business Intelligence" in roles
