"""Error pages in the base layout, in Swedish, and quiet logs for expected client errors."""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _


def error_response(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    html = render_to_string(
        "error.html", {"title": title, "message": message, "status": status}, request=request
    )
    return HttpResponse(html, status=status)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid CSRF token: usually an old page; say so, log nothing."""
    return error_response(
        request,
        403,
        _("Formuläret kunde inte skickas"),
        _(
            "Sidan var för gammal eller kakor är avstängda i webbläsaren. Ladda om sidan och "
            "försök igen."
        ),
    )


class SkipClientErrors(logging.Filter):
    """Drop Django's records of 4xx responses: expected, and a timestamp per anonymous visitor.

    Server errors (5xx) still pass, so real faults are seen.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is None:
            # django.security.* records (CSRF, disallowed host) carry no status: all are 4xx.
            return not record.name.startswith("django.security")
        return int(status) >= 500
