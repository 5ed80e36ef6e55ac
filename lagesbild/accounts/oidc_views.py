"""The login page and mozilla-django-oidc's two views, adapted to configuration from the environment."""

import logging
from typing import Any

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.translation import gettext as _
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from lagesbild.accounts.oidc import oidc_configured, oidc_endpoint

logger = logging.getLogger(__name__)


def _provider_unreachable(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.error("The identity provider could not be reached: %s", exc)
    messages.error(
        request,
        _(
            "Regionens inloggningstjänst svarar inte just nu. Försök igen om en stund, eller "
            "logga in med ett lokalt konto."
        ),
    )
    return HttpResponseRedirect(resolve_url(settings.LOGIN_URL))


class LoginView(auth_views.LoginView):
    """The local login form, with the region's single sign-on offered first when configured."""

    template_name = "accounts/login.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = oidc_configured()
        return context


class OIDCStartView(OIDCAuthenticationRequestView):  # type: ignore[misc]
    """Send the person to the provider with state, nonce and (by default) PKCE."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The library reads the endpoint here; it is resolved per request in get() instead,
        # so an installation without single sign-on answers 404 rather than failing.
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not oidc_configured():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = oidc_endpoint("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except requests.RequestException as exc:
            return _provider_unreachable(request, exc)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        response: HttpResponse = super().get(request)
        return response


class OIDCCallbackView(OIDCAuthenticationCallbackView):  # type: ignore[misc]
    """The provider's answer: the library checks state and nonce; failures return to the login page."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not oidc_configured():
            raise Http404
        try:
            response: HttpResponse = super().get(request)
        except requests.RequestException as exc:
            return _provider_unreachable(request, exc)
        return response

    def login_failure(self) -> HttpResponse:
        messages.error(
            self.request,
            _(
                "Inloggningen med regionens konto misslyckades. Försök igen, eller kontakta "
                "den som administrerar Lägesbild om det inte går."
            ),
        )
        return HttpResponseRedirect(resolve_url(settings.LOGIN_URL))
