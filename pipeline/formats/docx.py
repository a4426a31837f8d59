"""Word (.docx): paragraphs and tables in document order, with what the styles say.

A paragraph styled as a heading (or as the title) is a heading of that level; one set wholly in bold is
a bold block, one that opens with a bold run a block with a run-in label. Word computes list numbers
at display time from the numbering definitions, so the text holds no "1." or "(a)": the numbers are
computed here, as Word shows them, and written before the paragraph's text. Tables become rows.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from models.records import Document, RawDocument
from pipeline.errors import ConvertError
from pipeline.formats.builder import DocumentBuilder, line_kind, strip_bullet

_HEADING_STYLE = re.compile(r"^(?:Heading|heading)\s*(?P<level>\d)$")
_LEVEL_PLACEHOLDER = re.compile(r"%(\d)")
ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def roman(number: int) -> str:
    out = []
    for value, letters in ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def letters(number: int) -> str:
    """1 -> 'a', 26 -> 'z', 27 -> 'aa' (as Word repeats the letter)."""
    index = (number - 1) % 26
    return chr(ord("a") + index) * ((number - 1) // 26 + 1)


def format_number(value: int, kind: str) -> str:
    formats = {
        "decimal": str(value),
        "decimalZero": f"{value:02d}",
        "lowerLetter": letters(value),
        "upperLetter": letters(value).upper(),
        "lowerRoman": roman(value),
        "upperRoman": roman(value).upper(),
    }
    return formats.get(kind, str(value))


@dataclass(slots=True)
class _Level:
    kind: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass(slots=True)
class Numbering:
    """Word's list numbering: the levels of each list and the running counters."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId -> level -> format
    counters: dict[str, dict[int, int]] = field(default_factory=dict)  # abstract list -> level -> count
    abstract_of: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, document: Any) -> Numbering:
        numbering = cls()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return numbering
        abstracts: dict[str, dict[int, _Level]] = {}
        for abstract in root.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in abstract.findall(qn("w:lvl")):
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = _level(lvl)
            abstracts[abstract.get(qn("w:abstractNumId"), "")] = levels
        for num in root.findall(qn("w:num")):
            num_id = num.get(qn("w:numId"), "")
            abstract_id = _val(num.find(qn("w:abstractNumId"))) or ""
            numbering.levels[num_id] = dict(abstracts.get(abstract_id, {}))
            numbering.abstract_of[num_id] = abstract_id
            for override in num.findall(qn("w:lvlOverride")):
                start = override.find(qn("w:startOverride"))
                level = int(override.get(qn("w:ilvl"), "0"))
                if start is not None and level in numbering.levels[num_id]:
                    current = numbering.levels[num_id][level]
                    numbering.levels[num_id][level] = _Level(current.kind, current.text, int(_val(start) or 1))
        return numbering

    def label(self, num_id: str, level: int) -> str | None:
        """The number Word shows for the next paragraph of list ``num_id`` at ``level``; None for bullets."""
        levels = self.levels.get(num_id)
        if not levels or level not in levels:
            return None
        counters = self.counters.setdefault(self.abstract_of.get(num_id, num_id), {})
        counters[level] = counters.get(level, levels[level].start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]  # a higher level's new entry restarts the levels below it
        if levels[level].kind in ("bullet", "none"):
            return None

        def value(match: re.Match[str]) -> str:
            shown = int(match.group(1)) - 1
            held = levels.get(shown, _Level())
            return format_number(counters.get(shown, held.start), held.kind)

        return _LEVEL_PLACEHOLDER.sub(value, levels[level].text).strip()


def _val(element: Any) -> str | None:
    return None if element is None else element.get(qn("w:val"))


def _level(lvl: Any) -> _Level:
    return _Level(
        kind=_val(lvl.find(qn("w:numFmt"))) or "decimal",
        text=_val(lvl.find(qn("w:lvlText"))) or "",
        start=int(_val(lvl.find(qn("w:start"))) or 1),
    )


def _numbering_of(paragraph: Paragraph) -> tuple[str, int] | None:
    """The list (numId, level) of a paragraph: its own properties, else its style's."""
    for holder in (paragraph._p.pPr, _style_ppr(paragraph)):
        num_pr = holder.find(qn("w:numPr")) if holder is not None else None
        if num_pr is not None:
            num_id = _val(num_pr.find(qn("w:numId")))
            level = _val(num_pr.find(qn("w:ilvl")))
            if num_id and num_id != "0":
                return num_id, int(level or 0)
    return None


def _style_ppr(paragraph: Paragraph) -> Any:
    style = paragraph.style
    return style.element.pPr if style is not None else None


def _is_bold(run: Any, paragraph: Paragraph) -> bool:
    if run.bold is not None:
        return bool(run.bold)
    for style in (run.style, paragraph.style):
        while style is not None:
            if style.font.bold is not None:
                return bool(style.font.bold)
            style = style.base_style
    return False


def _heading_level(paragraph: Paragraph) -> int:
    style = paragraph.style
    while style is not None:
        if style.name == "Title":
            return 1
        if match := _HEADING_STYLE.match(style.name or ""):
            return int(match.group("level"))
        style = style.base_style
    return 0


@dataclass(frozen=True, slots=True)
class _Emphasis:
    bold: bool
    bold_lead: bool


def _emphasis(paragraph: Paragraph) -> _Emphasis:
    runs = [(run.text, _is_bold(run, paragraph)) for run in paragraph.runs if run.text.strip()]
    if not runs:
        return _Emphasis(False, False)
    all_bold = all(bold for _, bold in runs)
    return _Emphasis(all_bold, runs[0][1] and not all_bold)


def _body_items(document: Any) -> Iterator[Paragraph | Table]:
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, document)
        elif child.tag == qn("w:tbl"):
            yield Table(child, document)


def _add_paragraph(builder: DocumentBuilder, paragraph: Paragraph, numbering: Numbering) -> None:
    text = paragraph.text
    if not text.strip():
        return
    listed = _numbering_of(paragraph)
    label = numbering.label(*listed) if listed else None
    level = _heading_level(paragraph)
    emphasis = _emphasis(paragraph)
    for index, line in enumerate(part for part in text.split("\n") if part.strip()):
        if index == 0 and label:
            line = f"{label} {line.strip()}"
        if level and index == 0:
            builder.add("heading", line, level=level, bold=emphasis.bold)
            continue
        line, bulleted = strip_bullet(line.strip())
        kind = "list_item" if (bulleted or (listed and not label)) else line_kind(line)
        if emphasis.bold and len(line) <= 160:
            kind = "heading"
        builder.add(kind, line, bold=emphasis.bold, bold_lead=emphasis.bold_lead and index == 0)


def _add_table(builder: DocumentBuilder, table: Table) -> None:
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is returned once per grid column it spans
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
        builder.add_row(cells)


def convert_docx(raw: RawDocument) -> Document:
    try:
        document = docx.Document(io.BytesIO(raw.data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ConvertError(raw.uri, f"not a readable Word document ({exc})") from exc
    except Exception as exc:  # lxml and python-docx raise several unrelated types on broken files
        raise ConvertError(raw.uri, f"not a readable Word document ({type(exc).__name__})") from exc
    numbering = Numbering.of(document)
    builder = DocumentBuilder()
    for item in _body_items(document):
        if isinstance(item, Table):
            _add_table(builder, item)
        else:
            _add_paragraph(builder, item, numbering)
    if not len(builder):
        raise ConvertError(raw.uri, "no text in the Word document")
    return builder.build(raw.uri, raw.media_type)
