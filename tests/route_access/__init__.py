"""Walk Django's URL resolver and check every route against every role (tests/test_route_access.py)."""
