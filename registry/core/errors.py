"""The one error type of the imports: a row, a column and a reason, all shown to the auditor."""

from __future__ import annotations

from dataclasses import dataclass

# The first pass stops collecting after this many problems (it still counts the rows): a file
# with thousands of errors is usually one systematic mistake, and the list must stay readable.
MAX_ERRORS = 50


@dataclass(frozen=True)
class RowError:
    """``row`` is the spreadsheet row (1 is the header; 0 means the file as a whole)."""

    row: int
    column: str
    reason: str

    @property
    def message(self) -> str:
        if self.row == 0:
            return self.reason
        if not self.column:
            return f"第 {self.row} 行：{self.reason}"
        return f"第 {self.row} 行 {self.column} 列：{self.reason}"

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "reason": self.reason, "message": self.message}
