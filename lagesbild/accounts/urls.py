from django.contrib.auth import views as auth_views
from django.urls import path

from lagesbild.accounts import oidc_views

app_name = "accounts"
urlpatterns = [
    path("logga-in/", oidc_views.LoginView.as_view(), name="login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    # Single sign-on (OpenID Connect); both answer 404 unless a provider is configured.
    path("oidc/start/", oidc_views.OIDCStartView.as_view(), name="oidc_start"),
    path("oidc/callback/", oidc_views.OIDCCallbackView.as_view(), name="oidc_callback"),
]
