"""Request size limits: refuse an oversized body before anything reads it."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from lagesbild.lib.errors import error_response

View = Callable[..., HttpResponse]


def body_too_large(request: HttpRequest, limit: int) -> bool:
    """True when the declared body is over `limit` bytes (or has a length we cannot read)."""
    declared = request.META.get("CONTENT_LENGTH") or "0"
    try:
        return int(declared) > limit
    except ValueError:
        return True


def refuse_large_body(request: HttpRequest, limit: int) -> HttpResponse:
    mb = max(1, limit // (1024 * 1024))
    message = (
        _("Det du skickade är för stort (högst %(mb)d MB).") % {"mb": mb}
        if limit >= 1024 * 1024
        else _("Det du skickade är för stort (högst %(kb)d kB).") % {"kb": limit // 1024}
    )
    return error_response(request, 413, _("För stort"), message)


class RequestSizeMiddleware:
    """Every request body is capped at settings.MAX_REQUEST_BYTES (uploads included)."""

    def __init__(self, get_response: View) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.MAX_REQUEST_BYTES
        if limit and body_too_large(request, limit):
            return refuse_large_body(request, limit)
        return self.get_response(request)


def limit_body(limit: int) -> Callable[[View], View]:
    """A smaller cap for one view, such as the anonymous web question."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method in {"POST", "PUT", "PATCH"} and body_too_large(request, limit):
                return refuse_large_body(request, limit)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
