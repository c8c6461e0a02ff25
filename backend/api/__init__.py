"""Shared REST API wiring: pagination, the one error shape, schema helpers."""

from rest_framework.pagination import PageNumberPagination


class StandardPagination(PageNumberPagination):
    """Page-number pagination with a client-chosen page size, capped so a list cannot dump a table."""

    page_size_query_param = "page_size"
    max_page_size = 200
