from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "lagesbild.decisions"
    verbose_name = _("Beslutsunderlag")

    def ready(self) -> None:
        # Registers the decision basis's part of every staff meeting's agenda.
        from lagesbild.decisions import agenda, basis, lesson_citations, today_panels  # noqa: F401
        from lagesbild.decisions.indexing import register

        register()
