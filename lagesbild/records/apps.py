from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "lagesbild.records"
    label = "records"
    verbose_name = _("Allmänna handlingar")

    def ready(self) -> None:
        # The kinds of our own documents that a released document may point at.
        from lagesbild.records import (
            linking,
            today_panels,  # noqa: F401 - registers the start-page panels
        )

        linking.register_defaults()
