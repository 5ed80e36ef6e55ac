from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LessonsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "lagesbild.lessons"
    verbose_name = _("Lärdomar")

    def ready(self) -> None:
        # Guards in the analysis workspace, search, the start page, the meeting agenda, records
        # links; the joint report's parts.
        from lagesbild.lessons import (  # noqa: F401
            agenda,
            citations,
            indexing,
            report_parts,
            today_panels,
        )

        indexing.register()
