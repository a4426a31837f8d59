"""Does a spaCy sentence classifier earn a place in finding actions? A measurement, not part of the pipeline.

A bag-of-words text classifier (spaCy ``TextCatBOW``, words and word pairs, no pretrained vectors) is trained
on the sentences of a gold set, a sentence being positive when a gold action lies inside it. It is scored
with councils held out (five folds: every document of a council is in one fold), three ways: the rules alone,
the rules' actions whose sentence the classifier doubts removed, and the rules plus every sentence the
classifier takes for an action. Usage::

    python bench/actions_textcat.py tests/gold/dev corpus/
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from rapidfuzz import fuzz
from spacy.language import Language
from spacy.pipeline import TextCategorizer
from spacy.training import Example

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors.text import split_sentences  # noqa: E402
from pipeline.convert import convert  # noqa: E402
from pipeline.evaluate import Report, find_document, fold, score_document  # noqa: E402
from pipeline.extract import extract  # noqa: E402
from pipeline.load import load  # noqa: E402
from pipeline.output import to_gold_format  # noqa: E402

FOLDS = 5
EPOCHS = 8
Sentence = tuple[str, int, int]


@dataclass
class Sample:
    council: str
    gold: dict[str, Any]
    predicted: dict[str, Any]
    sentences: list[Sentence]
    labels: list[bool]


def _inside(action: str, sentence: str) -> bool:
    return fuzz.partial_ratio(fold(action), fold(sentence)) >= 80 and len(fold(action)) <= len(fold(sentence)) + 5


def read_samples(gold_dir: Path, docs_dir: Path) -> list[Sample]:
    samples = []
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text())
        source = find_document(docs_dir, path.stem)
        if source is None:
            continue
        document = convert(load(source))
        predicted = json.loads(json.dumps(to_gold_format(extract(document))))
        sentences = [
            sentence
            for block in document.blocks
            if block.kind != "heading"
            for sentence in split_sentences(document.block_text(block), block.start)
            if len(sentence[0]) >= 15
        ]
        actions = [a["text"] for a in gold.get("actions") or [] if not a.get("optional")]
        labels = [any(_inside(a, s) for a in actions) for s, _, _ in sentences]
        samples.append(Sample(source.parent.name, gold, predicted, sentences, labels))
    return samples


def train(samples: list[Sample]) -> Language:
    nlp = spacy.blank("en")
    model = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 2}
    classifier = nlp.add_pipe("textcat", config={"model": {**model, "no_output_layer": False}})
    assert isinstance(classifier, TextCategorizer)
    classifier.add_label("ACTION")
    classifier.add_label("OTHER")
    examples = [
        Example.from_dict(nlp.make_doc(text), {"cats": {"ACTION": float(label), "OTHER": float(not label)}})
        for sample in samples
        for (text, _, _), label in zip(sample.sentences, sample.labels, strict=True)
    ]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(EPOCHS):
        random.shuffle(examples)
        for start in range(0, len(examples), 64):
            nlp.update(examples[start : start + 64], sgd=optimizer)
    return nlp


def _sentence_of(sentences: list[Sentence], at: int) -> int | None:
    return next((i for i, (_, start, end) in enumerate(sentences) if start <= at < end), None)


Variant = Callable[[Sample, list[float]], list[dict[str, Any]]]


def variants() -> dict[str, Variant]:
    def rules(sample: Sample, _: list[float]) -> list[dict[str, Any]]:
        return list(sample.predicted.get("actions") or [])

    def filtered(threshold: float) -> Variant:
        def keep(sample: Sample, probabilities: list[float]) -> list[dict[str, Any]]:
            kept = []
            for action in rules(sample, probabilities):
                index = _sentence_of(sample.sentences, action["span"][0])
                if index is None or probabilities[index] >= threshold:
                    kept.append(action)
            return kept

        return keep

    def added(threshold: float) -> Variant:
        def add(sample: Sample, probabilities: list[float]) -> list[dict[str, Any]]:
            found = rules(sample, probabilities)
            covered = {_sentence_of(sample.sentences, a["span"][0]) for a in found}
            extra = [
                {"text": text, "owner": None}
                for i, ((text, _, _), p) in enumerate(zip(sample.sentences, probabilities, strict=True))
                if p >= threshold and i not in covered
            ]
            return found + extra

        return add

    return {
        "rules alone": rules,
        "rules, doubted ones removed (p < 0.15)": filtered(0.15),
        "rules, doubted ones removed (p < 0.30)": filtered(0.30),
        "rules + classifier (p >= 0.3)": added(0.3),
        "rules + classifier (p >= 0.5)": added(0.5),
    }


def main(gold_dir: Path, docs_dir: Path) -> None:
    random.seed(1)
    samples = read_samples(gold_dir, docs_dir)
    councils = sorted({s.council for s in samples})
    random.shuffle(councils)
    reports = {name: Report() for name in variants()}
    for k in range(FOLDS):
        held_out = set(councils[k::FOLDS])
        nlp = train([s for s in samples if s.council not in held_out])
        for sample in (s for s in samples if s.council in held_out):
            probabilities = [doc.cats["ACTION"] for doc in nlp.pipe(text for text, _, _ in sample.sentences)]
            for name, variant in variants().items():
                gold = {"doc": sample.gold["doc"], "actions": sample.gold.get("actions") or []}
                score_document(gold, {"actions": variant(sample, probabilities)}, reports[name])
    positives = sum(sum(s.labels) for s in samples)
    print(f"{len(samples)} documents, {len(councils)} councils, {positives} action sentences of")
    print(f"{sum(len(s.sentences) for s in samples)}; {FOLDS} folds, councils held out")
    for name, report in reports.items():
        c = report.fields["actions"]
        print(f"{name:42} P={c.precision:.3f} R={c.recall:.3f} F1={c.f1:.3f}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
