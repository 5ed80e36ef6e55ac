from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "lagesbild.notifications"
    verbose_name = _("Aviseringar")

    def ready(self) -> None:
        from lagesbild.notifications import today_panels  # noqa: F401 - registers the start-page panels
