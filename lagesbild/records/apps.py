from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "lagesbild.records"
    label = "records"
    verbose_name = _("Allmänna handlingar")

    def ready(self) -> None:
        # The kinds of our own documents that a released document may point at.
        from lagesbild.records import (  # noqa: F401 - agenda and start-page registrations
            agenda,
            linking,
            today_panels,
        )

        linking.register_defaults()
        from lagesbild.records.indexing import register

        register()  # requests and documents in search
