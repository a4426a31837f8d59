"""make bench: ingest 2,000+ documents and a PDF corpus; print documents/s and peak memory.

The corpus is replicated (with varied names and a changed line so every copy is a new
document) into bench/out/, then ingested into a fresh SQLite database with --workers 1 and
with every core. Each run is a separate process so its peak memory (ru_maxrss) is its own, and
its CPU time (with its workers') is counted beside the wall time: documents per CPU-second is the
per-core figure, which other work on a shared machine disturbs less. Then extract alone, the metric
extractor alone, and the store alone (with and without 5,000 more indicators of the council) are
timed in CPU time in this process.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.records import Document
    from pipeline.ingest import Processed

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
COPIES = 400


def build_corpus() -> tuple[Path, Path]:
    shutil.rmtree(OUT, ignore_errors=True)
    text_dir, pdf_dir = OUT / "text", OUT / "pdf"
    text_dir.mkdir(parents=True)
    pdf_dir.mkdir(parents=True)
    sources = sorted((ROOT / "corpus" / "lancashire").glob("*.txt"))  # the seeds: long, dense documents
    for copy in range(COPIES):
        for source in sources:
            body = source.read_text(encoding="utf-8")
            (text_dir / f"{copy:04d}_{source.name}").write_text(f"{body}\nCopy {copy}.\n", encoding="utf-8")
    sys.path.insert(0, str(ROOT))
    from tests.test_formats import render_pdf  # the same renderer the tests use

    seed_text = "\n".join(s.read_text(encoding="utf-8") for s in sources)
    for copy in range(20):
        render_pdf(seed_text + f"\nCopy {copy}.", pdf_dir / f"{copy:03d}.pdf")
    return text_dir, pdf_dir


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(label: str, *args: str) -> float:
    """Run the CLI once; print its wall time and peak memory; return the CPU seconds it and its workers used.

    CPU time is what 'per core' means, and unlike wall time it does not count time that other work on a
    shared machine took from the run.
    """
    start, cpu_before = time.perf_counter(), _children_cpu()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run([sys.executable, "-m", "pipeline.cli", *args], check=True, cwd=ROOT, stdout=subprocess.PIPE)
    seconds = time.perf_counter() - start
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    cpu = _children_cpu() - cpu_before
    print(f"{label:<40} {seconds:7.1f} s   peak RSS {peak / 1024:6.0f} MB   CPU {cpu:7.1f} s")
    return cpu


def forget_caches() -> None:
    """Clear the extractors' caches, so that each round costs what new documents cost."""
    from extractors.names import fold
    from extractors.text import split_sentences

    fold.cache_clear()
    split_sentences.cache_clear()


def seed_documents() -> list[Document]:
    """The seed documents, loaded and converted."""
    from pipeline.convert import convert
    from pipeline.load import load

    return [convert(load(path)) for path in sorted((ROOT / "corpus" / "lancashire").glob("*.txt"))]


def main() -> None:
    from pipeline.extract import extract
    from pipeline.ingest import default_workers

    text_dir, pdf_dir = build_corpus()
    documents = len(list(text_dir.iterdir()))
    pages = 0
    import pypdfium2

    for pdf in pdf_dir.iterdir():
        pages += len(pypdfium2.PdfDocument(pdf.read_bytes()))
    print(f"corpus: {documents} text documents, {len(list(pdf_dir.iterdir()))} PDFs ({pages} pages)")
    for workers in sorted({1, default_workers()}):
        database = OUT / f"bench-{workers}.db"
        start = time.perf_counter()
        cpu = run(
            f"ingest text, --workers {workers}",
            "ingest",
            str(text_dir),
            "--db",
            f"sqlite:///{database}",
            "--workers",
            str(workers),
        )
        rate = documents / (time.perf_counter() - start)
        print(f"{'':<40} {rate:7.1f} documents/s   {documents / cpu:5.1f} per CPU-second")
        start = time.perf_counter()
        cpu = run(
            f"ingest PDFs, --workers {workers}",
            "ingest",
            str(pdf_dir),
            "--db",
            f"sqlite:///{OUT / f'bench-pdf-{workers}.db'}",
            "--workers",
            str(workers),
        )
        print(f"{'':<40} {pages / (time.perf_counter() - start):7.1f} pages/s       {pages / cpu:5.1f} per CPU-second")
    documents_in = seed_documents()
    start = time.process_time()
    rounds = 20  # CPU time, as above
    for _ in range(rounds):
        forget_caches()  # each round must cost what new documents cost
        for document in documents_in:
            extract(document)
    per_doc = (time.process_time() - start) / (rounds * len(documents_in))
    print(
        f"{'extract alone (seed documents)':<40} {per_doc * 1000:7.2f} ms/document "
        f"({1 / per_doc:.0f} documents/s on one core)"
    )
    from extractors.metrics import extract_metrics

    start = time.process_time()
    for _ in range(rounds):
        forget_caches()
        for document in documents_in:
            extract_metrics(document, ())
    metric_rate = rounds * len(documents_in) / (time.process_time() - start)
    print(f"{'metric extractor alone':<40} {metric_rate:7.0f} documents/s on one core")
    against_spacy()
    real_pdfs()
    processed = _processed(sorted(text_dir.iterdir())[5:305])
    for extra in (0, 5000):
        best = min(store_alone(text_dir, processed, extra) for _ in range(3))  # the least disturbed of three
        print(f"{f'store alone, {extra:,} more indicators':<40} {best * 1000:7.2f} ms/document")


def against_spacy() -> None:
    """The whole pipeline (load, convert, extract) beside spaCy's blank English tokenizer and sentencizer on
    the same texts in the same process: the ratio does not depend on the machine's speed."""
    import spacy

    from pipeline.convert import convert
    from pipeline.extract import extract
    from pipeline.load import load

    paths = sorted(p for p in (ROOT / "corpus").rglob("*") if p.suffix in {".txt", ".md", ".html", ".htm"})
    texts = [convert(load(path)).text for path in paths]
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    rounds = 3
    start = time.process_time()
    for _ in range(rounds):
        for text in texts:
            nlp(text)
    spacy_seconds = time.process_time() - start
    start = time.process_time()
    for _ in range(rounds):
        forget_caches()
        for path in paths:
            extract(convert(load(path)))
    ours = time.process_time() - start
    print(
        f"{f'pipeline vs spaCy, {len(paths)} corpus texts':<40} {rounds * len(paths) / ours:7.1f} documents/s, "
        f"spaCy blank 'en' + sentencizer {rounds * len(paths) / spacy_seconds:.1f}: {spacy_seconds / ours:.2f}x"
    )


def real_pdfs() -> None:
    """The published PDFs of the corpus: pages/s on one core for conversion alone and for the whole pipeline."""
    import pypdfium2

    from pipeline.convert import convert
    from pipeline.extract import extract
    from pipeline.load import load

    paths = sorted((ROOT / "corpus").rglob("*.pdf"))
    pages = sum(len(pypdfium2.PdfDocument(path.read_bytes())) for path in paths)
    raws = [load(path) for path in paths]
    start = time.process_time()
    documents = [convert(raw) for raw in raws]
    converting = time.process_time() - start
    start = time.process_time()
    for document in documents:
        extract(document)
    extracting = time.process_time() - start
    print(
        f"{f'{len(paths)} published PDFs, {pages} pages':<40} {pages / converting:7.1f} pages/s converted, "
        f"{pages / (converting + extracting):.1f} pages/s through extract (one core, CPU time)"
    )


def _processed(paths: list[Path]) -> list[Processed]:
    from pipeline.ingest import Settings, process_file

    return [process_file(path, Settings()) for path in paths]


def store_alone(text_dir: Path, processed: list[Processed], extra_indicators: int) -> float:
    """CPU seconds to store one bench document (extracted beforehand) into SQLite, once the council has
    ``extra_indicators`` more indicators than the corpus gives it: the store's time must not grow with them."""
    import random

    from sqlalchemy import insert, select

    import db
    from models import orm
    from pipeline.ingest import _store, ingest

    database = OUT / "bench-store.db"
    database.unlink(missing_ok=True)
    engine = db.make_engine(f"sqlite:///{database}")
    db.ensure_current(engine)
    ingest([str(path) for path in sorted(text_dir.iterdir())[:5]], engine)  # each seed once: the council
    with engine.begin() as connection:
        council = connection.execute(select(orm.Indicator.council_id).limit(1)).scalar_one()
        words = " ".join(connection.execute(select(orm.Indicator.key)).scalars()).split()
        rng = random.Random(1)
        keys = {" ".join(rng.sample(words, rng.randint(3, 7))) + f" {n}" for n in range(extra_indicators)}
        if keys:
            connection.execute(insert(orm.Indicator), [{"council_id": council, "name": k, "key": k} for k in keys])
    start = time.process_time()
    for result in processed:
        _store(engine, result)
    seconds = (time.process_time() - start) / len(processed)
    engine.dispose()
    return seconds


if __name__ == "__main__":
    main()
