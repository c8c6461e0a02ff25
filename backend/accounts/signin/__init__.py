"""Signing in and staying signed in: the client's address, throttles, API tokens, sessions and
the second factor (security.md "Access")."""
