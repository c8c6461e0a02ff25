"""The real urlconf plus routes nobody protected, for the test of the route-access test."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import include, path

from backend.accounts.models import Employer


def leak(request, pk):
    """Shows any employer to anyone: exactly what the walk must catch."""
    employer = get_object_or_404(Employer, pk=pk)
    return HttpResponse(f'<html lang="zh-CN"><h1>{employer.name}</h1></html>')


def open_list(request):
    """Leaks nothing of B, but answers 200 to everyone without anybody having decided so."""
    return HttpResponse('<html lang="zh-CN"><p>ok</p></html>')


def unmapped(request, posting_id):
    return HttpResponse("")


urlpatterns = [
    path("leak/<int:pk>/", leak, name="leak"),
    path("open/", open_list, name="open-list"),
    path("leak/<int:posting_id>/edit/", unmapped, name="leak-unmapped"),
    path("", include("backend.urls")),
]
