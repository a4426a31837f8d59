"""The project's exceptions: one root, each raised with the file and the reason."""

from __future__ import annotations


class MinutesError(Exception):
    """Root of every error that minutes reports as a one-line message."""

    def __init__(self, uri: str, reason: str) -> None:
        super().__init__(f"{uri}: {reason}")
        self.uri = uri
        self.reason = reason


class LoadError(MinutesError):
    """The file cannot be read, is empty, too large, or of an unknown type."""


class ConvertError(MinutesError):
    """The bytes cannot be turned into text: corrupt or encrypted PDF, broken markup."""


class ExtractError(MinutesError):
    """An extractor failed on a document (a bug: reported, never silently swallowed)."""
