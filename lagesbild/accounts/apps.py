from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "lagesbild.accounts"
    verbose_name = _("Konton och roller")

    def ready(self) -> None:
        from django.core import checks

        from lagesbild.accounts.oidc import check_oidc_settings

        checks.register(check_oidc_settings)
