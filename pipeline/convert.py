"""Stage 2, convert: any supported format to one structured :class:`Document`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from models.records import Document, MediaType, RawDocument
from pipeline.errors import ConvertError, MinutesError
from pipeline.formats.docx import convert_docx
from pipeline.formats.html import convert_html
from pipeline.formats.moderngov import convert_moderngov_xml
from pipeline.formats.pdf import PdfSettings, convert_pdf
from pipeline.formats.text import convert_text


@dataclass(frozen=True, slots=True)
class ConvertSettings:
    pdf: PdfSettings = field(default_factory=PdfSettings)


def converter_for(media_type: MediaType, settings: ConvertSettings) -> Callable[[RawDocument], Document]:
    converters: dict[MediaType, Callable[[RawDocument], Document]] = {
        "text/plain": convert_text,
        "text/markdown": convert_text,
        "text/html": convert_html,
        "application/xml": convert_moderngov_xml,
        "application/pdf": lambda raw: convert_pdf(raw, settings.pdf),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": convert_docx,
    }
    return converters[media_type]


def convert(raw: RawDocument, settings: ConvertSettings | None = None) -> Document:
    """Convert ``raw``; raises :class:`pipeline.errors.ConvertError` for unreadable content, whatever the
    library reading it raised (a PDF page tree with a null kid, a page named twice, markup nested past
    any limit): one reason, never a traceback."""
    try:
        return converter_for(raw.media_type, settings or ConvertSettings())(raw)
    except MinutesError:
        raise
    except RecursionError as exc:
        raise ConvertError(raw.uri, "nested too deeply to read") from exc
    except MemoryError:
        raise
    except Exception as exc:
        detail = (str(exc).strip().splitlines() or [""])[0][:200]
        raise ConvertError(raw.uri, f"cannot be read: {type(exc).__name__}{': ' + detail if detail else ''}") from exc
