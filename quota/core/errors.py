"""Exceptions of the quota core; each carries a plain-Chinese message for users."""

from __future__ import annotations


class QuotaCoreError(ValueError):
    """Base class: ``message_zh`` is safe to show to the user as is."""

    def __init__(self, message_zh: str) -> None:
        super().__init__(message_zh)
        self.message_zh = message_zh

    @property
    def message(self) -> str:
        return self.message_zh


class PolicyError(QuotaCoreError):
    """The policy parameters are missing, inconsistent or do not fit the report."""


class InputError(QuotaCoreError):
    """A report or roster line is malformed (wrong type, month out of range …)."""
