from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _search_trigger_ensure(using: str = "default", **kwargs: Any) -> None:
    from lagesbild.experiences.search import search_trigger_ensure

    search_trigger_ensure(using=using)


class ExperiencesConfig(AppConfig):
    name = "lagesbild.experiences"
    verbose_name = _("Erfarenhetsinsamling")

    def ready(self) -> None:
        # A later migration that rebuilds the sources table on SQLite drops its triggers; put
        # the search index's back after every migrate (see migration 0003).
        post_migrate.connect(_search_trigger_ensure, sender=self)
        from lagesbild.experiences import (
            report_parts,  # noqa: F401 - "Metod och material"
            today_panels,  # noqa: F401 - registers the panel
        )
        from lagesbild.experiences.indexing import register

        register()
