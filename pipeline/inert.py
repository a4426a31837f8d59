"""Output that stays inert: text from documents printed, filtered on or exported never acts as markup,
a wildcard or a spreadsheet formula, and names of files never forge lines of their own."""

from __future__ import annotations

from collections.abc import Iterable

from rich.markup import escape

LIKE_ESCAPE = "\\"
# a spreadsheet reads a cell starting with one of these as a formula (OWASP, 'CSV injection')
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def table_cell(text: str) -> str:
    """``text`` for a rich table cell: '[/]' and '[link=...]' are shown, not interpreted."""
    return escape(text)


def like_contains(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, its own '%', '_' and escape character taken literally
    (use with ``escape=LIKE_ESCAPE``)."""
    literal = text.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2).replace("%", LIKE_ESCAPE + "%").replace("_", LIKE_ESCAPE + "_")
    return f"%{literal}%"


def csv_cell(value: object) -> object:
    """A cell a spreadsheet shows as text: a string that would start a formula gets a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_row(values: Iterable[object]) -> list[object]:
    return [csv_cell(value) for value in values]


def printable(text: str) -> str:
    """A file name or other text for one line of output: control characters (a newline in a name)
    shown as escapes, so that no name can forge another line."""
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)
