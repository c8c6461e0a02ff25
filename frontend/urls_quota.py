"""Quota pages: public calculator, policy page, employers' report wizard."""

urlpatterns: list = []
