from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExperiencesConfig(AppConfig):
    name = "lagesbild.experiences"
    verbose_name = _("Erfarenhetsinsamling")

    def ready(self) -> None:
        from lagesbild.experiences import today_panels  # noqa: F401 - registers the panel
