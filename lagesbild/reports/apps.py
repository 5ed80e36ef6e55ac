from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "lagesbild.reports"
    verbose_name = _("Rapporter")

    def ready(self) -> None:
        from lagesbild.reports import today_panels  # noqa: F401 - registers the start-page panels
        from lagesbild.reports.indexing import register

        register()
