"""Whole documents against the seed gold set, scored with the reference scorer's rules.

Floors sit just under what the extractors reach today, so any regression fails CI; the
issue targets (structure F1 >= 0.95, metrics >= 0.90, actions >= 0.80) are higher still.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from extractors.names import same_person
from pipeline.convert import convert
from pipeline.extract import extract
from pipeline.load import load
from pipeline.output import to_gold_format
from tests.conftest import GOLD, SEEDS

FLOORS = {
    "attendees": 0.95,
    "agenda_items": 0.95,
    "resolutions": 0.95,
    "metrics": 0.78,
    "actions": 0.60,
    "people": 0.75,
}


def _fold(text: str | None) -> str:
    return " ".join("".join(c if c.isalnum() or c == "'" else " " for c in (text or "").lower()).split())


def _matches(field: str, gold: dict[str, object], pred: dict[str, object]) -> bool:
    if field == "attendees":
        return same_person(str(gold["name"]), str(pred["name"])) and gold["status"] == pred["status"]
    if field == "people":
        return same_person(str(gold["name"]), str(pred["name"]))
    if field == "agenda_items":
        return (
            _fold(str(gold["number"] or "")) in ("", _fold(str(pred["number"] or "")))
            and fuzz.token_set_ratio(_fold(str(gold["title"])), _fold(str(pred["title"]))) >= 80
        )
    if field == "resolutions":
        return fuzz.token_set_ratio(_fold(str(gold["text"])), _fold(str(pred["text"]))) >= 80
    if field == "actions":
        return fuzz.partial_ratio(_fold(str(gold["text"])), _fold(str(pred["text"]))) >= 70
    return (
        abs(float(gold["value"]) - float(pred["value"])) < 1e-6 * max(1.0, abs(float(gold["value"])))  # type: ignore[arg-type]
        and gold["unit"] == pred["unit"]
    )


def _f1(field: str) -> float:
    tp = fp = fn = 0
    for gold_file in sorted((GOLD / "seeds").glob("*.json")):
        gold = json.loads(gold_file.read_text())
        pred = to_gold_format(extract(convert(load(SEEDS / gold["doc"]))))
        unmatched = list(pred[field])
        for entry in gold[field]:
            hit = next((p for p in unmatched if _matches(field, entry, p)), None)
            if hit is not None:
                unmatched.remove(hit)
                tp += 0 if entry.get("optional") else 1
            elif not entry.get("optional"):
                fn += 1
        fp += len(unmatched)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_seed_gold_f1_floor(field: str) -> None:
    assert _f1(field) >= FLOORS[field]


def test_seed_document_level_fields_are_exact() -> None:
    for gold_file in sorted((GOLD / "seeds").glob("*.json")):
        gold = json.loads(gold_file.read_text())
        pred = to_gold_format(extract(convert(load(SEEDS / gold["doc"]))))
        assert (pred["doc_type"], pred["body"], pred["meeting_date"]) == (
            gold["doc_type"],
            gold["body"],
            gold["meeting_date"],
        ), gold["doc"]


def test_every_seed_has_gold() -> None:
    assert sorted(p.name for p in SEEDS.glob("*.txt")) == sorted(
        json.loads(p.read_text())["doc"] for p in (GOLD / "seeds").glob("*.json")
    )


def test_gold_dir_path() -> None:
    assert Path(GOLD / "seeds").is_dir()
