"""The one exception of the identifier core."""

from __future__ import annotations


class IdentifierError(ValueError):
    """An identifier failed validation.

    ``code`` is stable for programs and tests; ``message_zh`` names the field and how to fix it
    and is safe to show to the user as is.
    """

    def __init__(self, code: str, message_zh: str) -> None:
        super().__init__(message_zh)
        self.code = code
        self.message_zh = message_zh

    @property
    def message(self) -> str:
        return self.message_zh
