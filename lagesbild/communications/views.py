from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lagesbild.accounts.permissions import require


@require("read_drafts")
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "coming_soon.html")
