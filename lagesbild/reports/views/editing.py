"""Writing reports (placeholder until the editor is built)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lagesbild.accounts.permissions import require


@require("read_drafts")
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "coming_soon.html")
