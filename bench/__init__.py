"""Benchmarks: ``python -m bench`` runs every ``bench/*.py`` module that has a ``main()``."""
