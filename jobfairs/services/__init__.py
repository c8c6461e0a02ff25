"""Writes of the job-fair app (style.md §3): each service takes the acting user and decides."""

from .booths import booth_book, booth_withdraw
from .fairs import fair_cancel, fair_create, fair_publish
from .registrations import registration_create
from .results import result_record

__all__ = [
    "booth_book",
    "booth_withdraw",
    "fair_cancel",
    "fair_create",
    "fair_publish",
    "registration_create",
    "result_record",
]
