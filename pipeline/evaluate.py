"""``minutes eval``: precision, recall and F1 per field against gold files.

Gold files follow ``../shared/gold/README.md``: one JSON object per document, named after the
document (``000_abc.json`` for ``000_abc.txt``). Records are paired greedily, most similar first,
with the same similarity tests and thresholds as the reference scorer, so the figures agree with it.
Gold records marked ``"optional": true`` count when found and cost nothing when missed.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

Record = dict[str, Any]
Similarity = Callable[[Record, Record], float | None]

TITLE_WORDS = frozenset(
    [
        "county",
        "councillor",
        "councillors",
        "cllr",
        "cllrs",
        "cc",
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "rev",
        "revd",
        "alderman",
        "the",
        "mayor",
        "deputy",
        "borough",
        "city",
        "district",
        "parish",
        "town",
        "ccllr",
    ]
)
UNIT_ALIASES = {
    "%": "percent",
    "pct": "percent",
    "per_cent": "percent",
    "pounds": "gbp",
    "day": "days",
    "week": "weeks",
}


def fold(text: str | None) -> str:
    """Lower case, accents and punctuation removed, spaces collapsed."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("’", "'").lower()
    return " ".join(re.sub(r"[^\w' ]+", " ", text).split())


def name_key(name: str | None) -> str:
    return " ".join(w for w in fold(name).replace("'", "").split() if w not in TITLE_WORDS)


def same_person(a: str | None, b: str | None) -> bool:
    """Same surname, and first names or initials that do not contradict."""
    wa, wb = name_key(a).split(), name_key(b).split()
    if not wa or not wb:
        return False
    if wa == wb:
        return True
    if wa[-1] != wb[-1]:
        return False
    return not wa[:-1] or not wb[:-1] or wa[0][0] == wb[0][0]


def _same_value(a: object, b: object) -> bool:
    try:
        x, y = float(a), float(b)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return abs(x - y) <= 1e-6 * max(1.0, abs(x), abs(y))


def unit_key(unit: str | None) -> str:
    key = fold(unit).replace(" ", "_")
    return UNIT_ALIASES.get(key, key)


def _text_similarity(a: str | None, b: str | None, scorer: Callable[..., float] = fuzz.token_set_ratio) -> float:
    return float(scorer(fold(a), fold(b)))


def _attendee(gold: Record, pred: Record) -> float | None:
    return (
        100.0 if same_person(gold.get("name"), pred.get("name")) and gold.get("status") == pred.get("status") else None
    )


def _person(gold: Record, pred: Record) -> float | None:
    return 100.0 if same_person(gold.get("name"), pred.get("name")) else None


def _agenda_item(gold: Record, pred: Record) -> float | None:
    number = fold(gold.get("number"))
    if number and number != fold(pred.get("number")):
        return None
    return _text_similarity(gold.get("title"), pred.get("title"))


def _resolution(gold: Record, pred: Record) -> float | None:
    return _text_similarity(gold.get("text"), pred.get("text"))


def _action(gold: Record, pred: Record) -> float | None:
    return _text_similarity(gold.get("text"), pred.get("text"), fuzz.partial_ratio)


def _metric(gold: Record, pred: Record) -> float | None:
    if not _same_value(gold.get("value"), pred.get("value")) or unit_key(gold.get("unit")) != unit_key(
        pred.get("unit")
    ):
        return None
    # among equal values, the closer quoted phrase wins
    return 100.0 + _text_similarity(gold.get("text"), pred.get("text"), fuzz.partial_ratio) / 1000


FIELDS: dict[str, tuple[Similarity, float]] = {
    "attendees": (_attendee, 100),
    "people": (_person, 100),
    "agenda_items": (_agenda_item, 80),
    "resolutions": (_resolution, 80),
    "actions": (_action, 70),
    "metrics": (_metric, 100),
}
ACCURACIES = (
    "doc_type",
    "body",
    "meeting_date",
    "metric_indicator",
    "metric_comparator",
    "action_owner",
    "vote_result",
    "vote_counts",
    "vote_mover",
    "vote_seconder",
)
# scored only on documents whose gold has the key (README): apart from the macro F1 of the six fields
VOTE_FIELDS = ("votes", "vote_names")


def _vote(gold: Record, pred: Record) -> float | None:
    """Motions read alike; with no motion text on either side, the same item and result."""
    gm, pm = gold.get("motion"), pred.get("motion")
    if gm and pm:
        return _text_similarity(gm, pm, fuzz.partial_ratio)
    if fold(gold.get("item")) == fold(pred.get("item")) and gold.get("result") == pred.get("result"):
        return 70.0
    return None


def pair(gold: list[Record], pred: list[Record], similarity: Similarity, threshold: float) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (gold index, predicted index), most similar first; required gold wins ties."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            score = similarity(g, p)
            if score is not None and score >= threshold:
                candidates.append((score, not g.get("optional", False), gi, pi))
    candidates.sort(reverse=True)
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return pairs


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 0.0 if self.fn else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.correct += ok
        self.total += 1

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None


@dataclass
class Report:
    documents: int = 0
    missing: list[str] = field(default_factory=list)
    fields: dict[str, Counts] = field(default_factory=lambda: {name: Counts() for name in FIELDS})
    votes: dict[str, Counts] = field(default_factory=lambda: {name: Counts() for name in VOTE_FIELDS})
    accuracy: dict[str, Accuracy] = field(default_factory=lambda: {name: Accuracy() for name in ACCURACIES})
    per_document: dict[str, dict[str, Counts]] = field(default_factory=dict)

    @property
    def macro_f1(self) -> float:
        return sum(c.f1 for c in self.fields.values()) / len(self.fields)

    def as_json(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "missing_predictions": self.missing,
            "fields": {
                name: {"tp": c.tp, "fp": c.fp, "fn": c.fn, "p": c.precision, "r": c.recall, "f1": c.f1}
                for name, c in {**self.fields, **self.votes}.items()
            },
            "accuracy": {
                name: {"correct": a.correct, "of": a.total, "acc": a.value} for name, a in self.accuracy.items()
            },
            "macro_f1": self.macro_f1,
        }


def score_document(gold: Record, pred: Record, report: Report) -> None:
    """Add one document's counts to ``report``."""
    report.documents += 1
    report.accuracy["doc_type"].add((gold.get("doc_type") or None) == (pred.get("doc_type") or None))
    report.accuracy["meeting_date"].add((gold.get("meeting_date") or None) == (pred.get("meeting_date") or None))
    report.accuracy["body"].add(fold(gold.get("body")) == fold(pred.get("body")))
    row: dict[str, Counts] = {}
    for name, (similarity, threshold) in FIELDS.items():
        gold_records, pred_records = gold.get(name) or [], pred.get(name) or []
        pairs = pair(gold_records, pred_records, similarity, threshold)
        matched = {gi for gi, _ in pairs}
        counts = Counts(
            tp=sum(1 for gi, _ in pairs if not gold_records[gi].get("optional")),
            fp=len(pred_records) - len(pairs),
            fn=sum(1 for gi, g in enumerate(gold_records) if gi not in matched and not g.get("optional")),
        )
        report.fields[name].add(counts)
        row[name] = counts
        required = [(gold_records[gi], pred_records[pi]) for gi, pi in pairs if not gold_records[gi].get("optional")]
        if name == "metrics":
            _score_metric_details(required, report)
        elif name == "actions":
            _score_owners([(gold_records[gi], pred_records[pi]) for gi, pi in pairs], report)
    if "votes" in gold:
        _score_votes(gold.get("votes") or [], pred.get("votes") or [], report)
    report.per_document[str(gold.get("doc") or f"#{report.documents}")] = row


def _score_votes(gold_votes: list[Record], pred_votes: list[Record], report: Report) -> None:
    pairs = pair(gold_votes, pred_votes, _vote, 70)
    matched = {gi for gi, _ in pairs}
    report.votes["votes"].add(
        Counts(
            tp=sum(1 for gi, _ in pairs if not gold_votes[gi].get("optional")),
            fp=len(pred_votes) - len(pairs),
            fn=sum(1 for gi, g in enumerate(gold_votes) if gi not in matched and not g.get("optional")),
        )
    )
    for gi, pi in pairs:
        gold, pred = gold_votes[gi], pred_votes[pi]
        if gold.get("optional"):
            continue
        report.accuracy["vote_result"].add((gold.get("result") or None) == (pred.get("result") or None))
        counts = ("for", "against", "abstain")
        if any(gold.get(k) is not None for k in counts):
            report.accuracy["vote_counts"].add(all(gold.get(k) == pred.get(k) for k in counts))
        for side in ("mover", "seconder"):
            if gold.get(side):
                report.accuracy[f"vote_{side}"].add(same_person(gold.get(side), pred.get(side)))
        named_gold, named_pred = gold.get("named") or {}, pred.get("named") or {}
        for option in ("for", "against", "abstain", "absent"):
            gl = [{"name": n} for n in named_gold.get(option) or []]
            pl = [{"name": n} for n in named_pred.get(option) or []]
            together = pair(gl, pl, _person, 100)
            report.votes["vote_names"].add(Counts(len(together), len(pl) - len(together), len(gl) - len(together)))


def _score_metric_details(pairs: Iterable[tuple[Record, Record]], report: Report) -> None:
    for gold, pred in pairs:
        report.accuracy["metric_indicator"].add(_text_similarity(gold.get("indicator"), pred.get("indicator")) >= 50)
        report.accuracy["metric_comparator"].add((gold.get("comparator") or None) == (pred.get("comparator") or None))


def _score_owners(pairs: Iterable[tuple[Record, Record]], report: Report) -> None:
    for gold, pred in pairs:
        go, po = gold.get("owner"), pred.get("owner")
        if go is None or po is None:
            report.accuracy["action_owner"].add(go is None and po is None)
        else:
            report.accuracy["action_owner"].add(same_person(go, po) or _text_similarity(go, po) >= 80)


def find_document(docs_dir: Path, stem: str) -> Path | None:
    """The document a gold file describes: same name without extension (any supported type)."""
    candidates = sorted(p for p in docs_dir.rglob(f"{stem}.*") if p.is_file() and p.suffix != ".json")
    return candidates[0] if candidates else None


def evaluate(gold_dir: Path, docs_dir: Path, predict: Callable[[Path], Record]) -> Report:
    """Score ``predict(document)`` against every gold file; a document that is missing or fails scores empty."""
    report = Report()
    for gold_file in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        gold.setdefault("doc", gold_file.stem)
        path = find_document(docs_dir, gold_file.stem)
        pred: Record = {}
        if path is None:
            report.missing.append(f"{gold_file.stem}: no document in {docs_dir}")
        else:
            try:
                pred = predict(path)
            except Exception as exc:
                report.missing.append(f"{path}: {exc}")
        score_document(gold, pred, report)
    return report


def format_report(report: Report, per_document: bool = False) -> str:
    lines = [f"{'field':<18}{'tp':>6}{'fp':>6}{'fn':>6}{'P':>8}{'R':>8}{'F1':>8}"]
    for name, c in report.fields.items():
        lines.append(f"{name:<18}{c.tp:>6}{c.fp:>6}{c.fn:>6}{c.precision:>8.3f}{c.recall:>8.3f}{c.f1:>8.3f}")
    for name, c in report.votes.items():
        if c.tp + c.fp + c.fn:
            lines.append(
                f"{name:<18}{c.tp:>6}{c.fp:>6}{c.fn:>6}{c.precision:>8.3f}{c.recall:>8.3f}{c.f1:>8.3f}"
                "  (documents whose gold has votes)"
            )
    for name, a in report.accuracy.items():
        if a.total == 0 and name.startswith("vote_"):
            continue
        value = "n/a" if a.value is None else f"{a.value:.3f}"
        lines.append(f"{name:<18} {a.correct}/{a.total} = {value}")
    if per_document:
        for doc, row in report.per_document.items():
            cells = "  ".join(f"{name} {c.tp}/{c.fp}/{c.fn}" for name, c in row.items())
            lines.append(f"{doc}: {cells}")
    lines.extend(f"missing: {line}" for line in report.missing)
    lines.append(
        f"macro F1 over {len(report.fields)} fields on {report.documents} documents "
        f"({len(report.missing)} without prediction): {report.macro_f1:.3f}"
    )
    return "\n".join(lines)


def parse_requirement(text: str) -> tuple[str, float]:
    """'attendees=0.95' -> ('attendees', 0.95); the field must be one that eval reports."""
    name, _, value = text.partition("=")
    if name not in FIELDS and name not in VOTE_FIELDS and name not in ACCURACIES and name != "macro_f1":
        raise ValueError(f"unknown field {name!r}")
    try:
        return name, float(value)
    except ValueError:
        raise ValueError(f"not a number: {value!r}") from None


def shortfalls(report: Report, requirements: Iterable[tuple[str, float]]) -> list[str]:
    """The requirements the report falls short of, as 'field 0.812 < 0.950'."""
    failed = []
    for name, minimum in requirements:
        if name in report.fields or name in report.votes:
            value: float | None = {**report.fields, **report.votes}[name].f1
        elif name == "macro_f1":
            value = report.macro_f1
        else:
            value = report.accuracy[name].value
        if value is None or value < minimum:
            failed.append(f"{name} {'n/a' if value is None else f'{value:.3f}'} < {minimum:.3f}")
    return failed
