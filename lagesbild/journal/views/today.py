"""The page a staff member opens first each morning: what needs me today, from every app."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from lagesbild.journal.today import panels_for


def start_page(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        # Anonymous visitors read what the staff publishes.
        return redirect("reports:index")
    today = timezone.localdate()
    return render(
        request, "journal/today.html", {"panels": panels_for(request.user, today), "today": today}
    )
