from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "lagesbild.notifications"
    verbose_name = _("Aviseringar")

    def ready(self) -> None:
        # Register the start-page panel, the task owner's listener and the task reminder.
        from lagesbild.notifications import staffwork, today_panels  # noqa: F401
