"""Stage 1, load: read a file's bytes and decide its media type."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from models.records import MediaType, RawDocument
from pipeline.errors import LoadError

DOCX: MediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

SUFFIX_TYPES: dict[str, MediaType] = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "text/html",
    ".xml": "application/xml",
    ".pdf": "application/pdf",
    ".docx": DOCX,
}


@dataclass(frozen=True, slots=True)
class LoadSettings:
    """Limits applied when reading a file."""

    max_bytes: int = 25 * 1024 * 1024

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ValueError("max_bytes must be positive")


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sniff_media_type(data: bytes) -> MediaType | None:
    """Media type from the first bytes, for files whose name does not say."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf-"):
        return "application/pdf"
    if data.startswith(b"PK\x03\x04") and b"word/" in data[:4096]:
        return DOCX
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "text/html"
    if head.startswith(b"<?xml"):
        return "text/html" if b"<html" in head else "application/xml"
    return None


def media_type_for(path: Path, data: bytes) -> MediaType:
    sniffed = sniff_media_type(data)
    by_name = SUFFIX_TYPES.get(path.suffix.lower())
    if sniffed in ("application/pdf", DOCX) or (sniffed and by_name is None):
        return sniffed
    if by_name is not None:
        return by_name
    raise LoadError(str(path), f"unknown file type {path.suffix or '(no extension)'!r}")


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise LoadError(str(path), f"cannot read file: {exc.strerror or exc}") from exc


def check_bytes(path: Path, data: bytes, settings: LoadSettings) -> None:
    if not data.strip():
        raise LoadError(str(path), "empty file")
    if len(data) > settings.max_bytes:
        raise LoadError(
            str(path),
            f"file too large ({len(data) / 1e6:.1f} MB; the limit is {settings.max_bytes / 1e6:.1f} MB)",
        )


def raw_document(path: Path, data: bytes, settings: LoadSettings | None = None) -> RawDocument:
    """Check bytes already read from ``path`` and return them with their hash and media type.

    Raises :class:`LoadError` for empty, oversized or unknown files.
    """
    check_bytes(path, data, settings or LoadSettings())
    return RawDocument(
        uri=str(path),
        data=data,
        sha256=sha256_of(data),
        media_type=media_type_for(path, data),
    )


def load(path: Path, settings: LoadSettings | None = None) -> RawDocument:
    """Read ``path``; raises :class:`LoadError` for unreadable, empty, oversized or unknown files."""
    return raw_document(path, read_bytes(path), settings)
