"""Reading published reports (placeholders until the reading pages are built)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lagesbild.accounts.permissions import require


@require("read_published")
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "coming_soon.html")


@require("read_published")
def report_changes(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "coming_soon.html")


@require("read_published")
def archive(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "coming_soon.html")


@require("read_published")
def feed(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "coming_soon.html")
