"""Minutes in a language the vocabulary does not hold pass through without facts guessed at."""

from __future__ import annotations

from extractors.language import reads_as_known_language
from pipeline.extract import extract
from tests.test_extractors import doc

# the opening of a French commune's council minutes (shared pool)
FRENCH = (
    "CR du conseil municipal 24 février 2023",
    "Présents : Jean-Pierre, Yves, Jacques, David, Nelly, Patrick, Agnès, Adeline.",
    "Excusés : Anne-Marie (pouvoir donné à Yves) / Marielle (pouvoir donné à Agnès)",
    "Mr le Maire demande l’autorisation pour l’ajout de 2 délibérations.",
    "1/ Délibération pour le calcul de la longueur de la voie publique.",
    "Global de plus de 8717 m. Un nouveau comptage a été réalisé pour toucher une dotation de l’Etat",
    "12 votes pour",
)


def test_french_minutes_keep_their_meeting_and_no_english_facts() -> None:
    document = doc(*FRENCH)
    assert not reads_as_known_language(document.text)
    extraction = extract(document)
    assert extraction.metrics == () and extraction.attendees == () and extraction.votes == ()


def test_english_minutes_with_french_names_are_read() -> None:
    document = doc(
        "Minutes of the meeting of the Parish Council held on 4 March 2024",
        "Present: Cllrs Jean-Pierre Dubois (Chair), Agnès Martin and Yves Le Roux.",
        "The minutes of the last meeting were approved and signed by the Chair.",
    )
    assert reads_as_known_language(document.text)
    assert len(extract(document).attendees) == 3
