from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JournalConfig(AppConfig):
    name = "lagesbild.journal"
    verbose_name = _("Stabsarbete")

    def ready(self) -> None:
        from lagesbild.journal import today_panels  # noqa: F401 - registers the start-page panels
        from lagesbild.journal.indexing import register

        register()
