"""HTML (ModernGov pages inside council site templates): keep the content's structure only."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Literal

from bs4 import BeautifulSoup
from bs4.element import Comment, Doctype, NavigableString, PageElement, ProcessingInstruction, Tag

from models.records import BlockKind, Document, RawDocument
from pipeline.errors import ConvertError
from pipeline.formats.builder import DocumentBuilder, line_kind, strip_bullet
from pipeline.formats.text import decode

DROP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "iframe",
        "svg",
        "button",
        "select",
        "template",
        "head",
        "link",
        "meta",
        "object",
        "embed",
    }
)
# id/class words that mark site chrome around the content in council templates
CHROME = re.compile(
    r"(^|[-_ ])(breadcrumbs?|cookie\w*|skip(link)?|nav(bar|igation)?|menu|sidebar|site-?header|"
    r"site-?footer|masthead|banner|share|social|search(box|form)?)($|[-_ ])",
    re.IGNORECASE,
)
# where the page's real content lives, most specific first
CONTENT_SELECTORS = ("#modgov", ".mgContent", "#mgContent", "main", "[role=main]", "#content", "article", "body")
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "li",
        "tr",
        "table",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "section",
        "blockquote",
        "pre",
        "br",
        "hr",
        "td",
        "th",
        "caption",
        "center",
        "address",
        "body",
        "html",
        "tbody",
        "thead",
        "tfoot",
        "main",
        "article",
        "figure",
        "figcaption",
        "fieldset",
        "legend",
        "form",
    }
    | HEADINGS
)
_ITEM_MARKER_TAG = re.compile(r"^ai\d+$")


def parse_html(markup: str) -> BeautifulSoup:
    return BeautifulSoup(markup, "lxml")


def is_chrome(tag: Tag) -> bool:
    if tag.name in DROP_TAGS:
        return True
    attrs = tag.attrs or {}
    classes: list[str] = list(attrs.get("class") or [])
    words = " ".join([str(attrs.get("id") or ""), *(str(c) for c in classes)])
    return bool(words.strip()) and bool(CHROME.search(words))


def content_root(soup: BeautifulSoup) -> Tag:
    for selector in CONTENT_SELECTORS:
        found = soup.select_one(selector)
        if isinstance(found, Tag) and found.get_text(strip=True):
            return found
    return soup


class _BlockWalker:
    """Walks the tree; inline text gathers into the current line, block tags end it."""

    def __init__(self, builder: DocumentBuilder) -> None:
        self.builder = builder
        self.buffer: list[str] = []
        self.kind: BlockKind = "paragraph"

    def flush(self) -> None:
        text = " ".join("".join(self.buffer).split())
        self.buffer = []
        if not text:
            return
        kind = self.kind
        if kind == "paragraph":
            text, bulleted = strip_bullet(text)
            kind = "list_item" if bulleted else line_kind(text)
        self.builder.add(kind, text)

    def walk(self, node: Tag) -> None:
        """Visit the tree under ``node`` in document order with a stack of its own, not by recursion: a page
        of 100,000 nested tags costs time, never the interpreter's recursion limit."""
        stack: list[tuple[Iterator[PageElement], Callable[[], None] | None]] = [(iter(node.children), None)]
        while stack:
            children, on_exit = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                if on_exit is not None:
                    on_exit()
                continue
            if isinstance(child, (Comment, Doctype, ProcessingInstruction)):
                continue
            if isinstance(child, NavigableString):
                self.buffer.append(str(child))
            elif isinstance(child, Tag) and not is_chrome(child):
                exit_action = self.enter(child)
                if exit_action is not False:
                    stack.append((iter(child.children), exit_action or None))

    def enter(self, tag: Tag) -> Callable[[], None] | Literal[False] | None:
        """Start ``tag``: what to do once its children are read (None: nothing), or False to skip them."""
        name = tag.name.lower()
        if name == "tr":
            self.flush()
            self.builder.add_row([c.get_text(" ") for c in tag.find_all(["td", "th"])])
            return False
        if name in HEADINGS or name == "li":
            self.flush()
            self.kind = "heading" if name in HEADINGS else "list_item"
            return self.end_labelled
        if name in BLOCK_TAGS or _ITEM_MARKER_TAG.match(name):
            self.flush()
            return self.flush
        return None

    def end_labelled(self) -> None:
        self.flush()
        self.kind = "paragraph"


def add_html(builder: DocumentBuilder, markup: str) -> None:
    """Add the content blocks of an HTML fragment or page to ``builder``."""
    soup = parse_html(markup)
    walker = _BlockWalker(builder)
    walker.walk(content_root(soup))
    walker.flush()


def convert_html(raw: RawDocument) -> Document:
    markup = decode(raw)
    builder = DocumentBuilder()
    add_html(builder, markup)
    if not len(builder):
        raise ConvertError(raw.uri, "no text content in the HTML")
    return builder.build(raw.uri, raw.media_type)
