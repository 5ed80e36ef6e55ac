from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lagesbild.reports.models import Series


def index(request: HttpRequest) -> HttpResponse:
    """The start page: the series this visitor may read."""
    series = Series.objects.select_related("staff")
    if not request.user.is_authenticated:
        series = series.filter(is_public=True)
        if not series.exists():
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
    return render(request, "reports/index.html", {"series_list": series})
