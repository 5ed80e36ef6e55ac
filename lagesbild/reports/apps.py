from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "lagesbild.reports"
    verbose_name = _("Rapporter")

    def ready(self) -> None:
        # The start-page panels and the deadline reminder (notify-deadlines) register themselves.
        from lagesbild.reports import today_panels  # noqa: F401
        from lagesbild.reports.indexing import register
        from lagesbild.reports.services import notifying  # noqa: F401

        register()
