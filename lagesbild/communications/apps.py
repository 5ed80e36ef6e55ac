from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunicationsConfig(AppConfig):
    name = "lagesbild.communications"
    verbose_name = _("Kommunikation")

    def ready(self) -> None:
        from lagesbild.communications.indexing import register

        register()  # press inquiries, media coverage and the FAQ in search
