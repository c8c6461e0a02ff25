"""Auditors' pages: compliance table, decisions, credit flags, indicators dashboard."""

urlpatterns: list = []
