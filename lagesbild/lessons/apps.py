from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LessonsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "lagesbild.lessons"
    verbose_name = _("Lärdomar")

    def ready(self) -> None:
        from lagesbild.lessons import report_parts  # noqa: F401
