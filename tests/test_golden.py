"""Whole documents against gold files, through ``minutes eval`` as a researcher runs it.

Gold sets: the seeds (tests/gold/seeds, five Lancashire documents in corpus/lancashire) and
documents from 35 other councils (tests/gold/councils, files under corpus/<council>/), both held at the
first targets (structure F1 >= 0.95, people >= 0.85, metrics >= 0.90, actions >= 0.80; metric
comparator accuracy >= 0.90 and indicator accuracy >= 0.85); and full-length real documents of the shared
pool (tests/gold/dev), held a little under the scores they reach, so that a change that loses ground on
minutes of many councils fails here; and the last batch (tests/gold/unseen), held under its first-sight
scores and never tuned against (tests/gold/README.md logs every batch's first-sight scores).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.evaluate import Report, pair, same_person, score_document
from tests.conftest import CORPUS, GOLD, SEEDS, minutes

STRUCTURE_FLOORS = {"attendees": 0.95, "agenda_items": 0.95, "resolutions": 0.95, "people": 0.85}
SEED_FLOORS = {**STRUCTURE_FLOORS, "metrics": 0.90, "actions": 0.80}
METRIC_ACCURACY_FLOORS = {"metric_comparator": 0.9, "metric_indicator": 0.85}
COUNCIL_ACCURACY_FLOORS = {
    "doc_type": 0.9,
    "body": 0.95,
    "meeting_date": 0.95,
    "action_owner": 0.9,
    **METRIC_ACCURACY_FLOORS,
}
SEED_ACCURACY_FLOORS = {"action_owner": 0.9, **METRIC_ACCURACY_FLOORS}


def _eval(gold: str, docs: Path) -> dict[str, Any]:
    result = minutes("eval", str(GOLD / gold), str(docs), "--format", "json")
    assert result.returncode == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    return report


@pytest.fixture(scope="module")
def seed_report() -> dict[str, Any]:
    return _eval("seeds", SEEDS)


@pytest.fixture(scope="module")
def council_report() -> dict[str, Any]:
    return _eval("councils", CORPUS)


@pytest.mark.parametrize("field", sorted(SEED_FLOORS))
def test_seed_gold_f1_floor(seed_report: dict[str, Any], field: str) -> None:
    assert seed_report["fields"][field]["f1"] >= SEED_FLOORS[field]


COUNCIL_FLOORS = {**STRUCTURE_FLOORS, "metrics": 0.90, "actions": 0.80}


@pytest.mark.parametrize("field", sorted(COUNCIL_FLOORS))
def test_other_councils_f1_floor(council_report: dict[str, Any], field: str) -> None:
    assert council_report["fields"][field]["f1"] >= COUNCIL_FLOORS[field]


@pytest.mark.parametrize("field", sorted(COUNCIL_ACCURACY_FLOORS))
def test_other_councils_document_fields(council_report: dict[str, Any], field: str) -> None:
    assert council_report["missing_predictions"] == []
    assert council_report["accuracy"][field]["acc"] >= COUNCIL_ACCURACY_FLOORS[field]


def test_other_councils_gold_covers_eight_councils_and_twenty_documents() -> None:
    stems = [p.stem for p in (GOLD / "councils").glob("*.json")]
    councils = {next(CORPUS.rglob(f"{stem}.*")).parent.name for stem in stems}
    assert len(stems) >= 20
    assert len(councils - {"lancashire"}) >= 8


# full-length documents of many councils: a little under what the code reaches (tests/gold/README.md)
DEV_FLOORS = {
    "attendees": 0.80,
    "people": 0.70,
    "agenda_items": 0.73,
    "resolutions": 0.70,
    "actions": 0.38,
    "metrics": 0.39,
    "votes": 0.79,
}
DEV_ACCURACY_FLOORS = {"doc_type": 0.95, "body": 0.66, "meeting_date": 0.87, "vote_result": 0.83, "vote_mover": 0.82}


@pytest.fixture(scope="module")
def dev_report() -> dict[str, Any]:
    return _eval("dev", CORPUS)


@pytest.mark.parametrize("field", sorted(DEV_FLOORS))
def test_dev_documents_f1_floor(dev_report: dict[str, Any], field: str) -> None:
    assert dev_report["missing_predictions"] == []
    assert dev_report["fields"][field]["f1"] >= DEV_FLOORS[field]


@pytest.mark.parametrize("field", sorted(DEV_ACCURACY_FLOORS))
def test_dev_documents_fields(dev_report: dict[str, Any], field: str) -> None:
    assert dev_report["accuracy"][field]["acc"] >= DEV_ACCURACY_FLOORS[field]


# the batch scored first-sight and never tuned against: a little under its first-sight scores
UNSEEN_FLOORS = {
    "attendees": 0.72,
    "people": 0.34,
    "agenda_items": 0.61,
    "resolutions": 0.13,
    "actions": 0.37,
    "metrics": 0.22,
    "votes": 0.15,
}
UNSEEN_ACCURACY_FLOORS = {"doc_type": 0.95, "body": 0.60, "meeting_date": 0.82, "vote_mover": 0.80}


@pytest.fixture(scope="module")
def unseen_report() -> dict[str, Any]:
    return _eval("unseen", CORPUS)


@pytest.mark.parametrize("field", sorted(UNSEEN_FLOORS))
def test_unseen_documents_f1_floor(unseen_report: dict[str, Any], field: str) -> None:
    assert unseen_report["missing_predictions"] == []
    assert unseen_report["fields"][field]["f1"] >= UNSEEN_FLOORS[field]


@pytest.mark.parametrize("field", sorted(UNSEEN_ACCURACY_FLOORS))
def test_unseen_documents_fields(unseen_report: dict[str, Any], field: str) -> None:
    assert unseen_report["accuracy"][field]["acc"] >= UNSEEN_ACCURACY_FLOORS[field]


def test_new_gold_holds_eighty_documents_of_thirty_councils_in_four_countries() -> None:
    stems = [p.stem for s in ("dev", "unseen") for p in (GOLD / s).glob("*.json")]
    councils = {next(CORPUS.rglob(f"{stem}.*")).parent.name for stem in stems}
    assert len(stems) >= 80
    assert len(councils) >= 30
    unseen = [next(CORPUS.rglob(f"{p.stem}.*")) for p in (GOLD / "unseen").glob("*.json")]
    assert len(unseen) >= 20
    assert sum(1 for path in unseen if path.suffix == ".pdf") >= 5


def test_dev_gold_covers_many_councils_and_countries() -> None:
    stems = [p.stem for p in (GOLD / "dev").glob("*.json")]
    councils = {next(CORPUS.rglob(f"{stem}.*")).parent.name for stem in stems}
    assert len(stems) >= 100
    assert len(councils) >= 30


@pytest.mark.parametrize("field", sorted(SEED_ACCURACY_FLOORS))
def test_seed_accuracy_floor(seed_report: dict[str, Any], field: str) -> None:
    assert seed_report["accuracy"][field]["acc"] >= SEED_ACCURACY_FLOORS[field]


def test_seed_document_level_fields_are_exact(seed_report: dict[str, Any]) -> None:
    assert seed_report["missing_predictions"] == []
    for name in ("doc_type", "body", "meeting_date"):
        assert seed_report["accuracy"][name]["acc"] == 1.0, name


def test_eval_require_fails_below_the_minimum() -> None:
    result = minutes("eval", str(GOLD / "seeds"), str(SEEDS), "--require", "actions=0.99", "--require", "attendees=0.9")
    assert result.returncode == 1
    assert "below requirement: actions" in result.stderr
    assert "attendees" not in result.stderr
    assert result.stdout.splitlines()[0].split()[:4] == ["field", "tp", "fp", "fn"]


def test_eval_rejects_an_unknown_field() -> None:
    result = minutes("eval", str(GOLD / "seeds"), str(SEEDS), "--require", "colour=0.5")
    assert result.returncode == 2
    assert "unknown field 'colour'" in result.stderr


def test_every_seed_has_gold() -> None:
    assert sorted(p.stem for p in SEEDS.glob("*.txt")) == sorted(p.stem for p in (GOLD / "seeds").glob("*.json"))


def test_pairing_is_one_to_one_and_optional_gold_costs_nothing() -> None:
    gold = {
        "doc": "x",
        "people": [{"name": "Donna Talbot"}, {"name": "Paul Bond", "optional": True}, {"name": "Amanda Hatton"}],
    }
    pred = {"people": [{"name": "D Talbot"}, {"name": "Talbot"}, {"name": "County Councillor Driver"}]}
    report = Report()
    score_document(gold, pred, report)
    counts = report.fields["people"]
    assert (counts.tp, counts.fp, counts.fn) == (1, 2, 1)


def test_same_person_allows_initials_but_not_other_first_names() -> None:
    assert same_person("County Councillor A Atkinson", "Alan Atkinson")
    assert same_person("Mr Bond", "Paul Bond")
    assert not same_person("Stephen Bond", "Paul Bond")


def test_pair_prefers_the_most_similar_record() -> None:
    gold = [{"text": "a report on school places be presented in June"}]
    pred = [{"text": "a report"}, {"text": "a report on school places would be presented in June"}]

    def similarity(g: dict[str, Any], p: dict[str, Any]) -> float:
        return 100.0 - abs(len(g["text"]) - len(p["text"]))

    assert pair(gold, pred, similarity, 50) == [(0, 1)]
