from django.apps import AppConfig


class ThemesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "lagesbild.themes"
    verbose_name = "Analys"

    def ready(self) -> None:
        # Codings point into a source's redacted text: re-anchor them whenever it changes.
        from lagesbild.experiences.services.sources import TEXT_CHANGE_LISTENERS
        from lagesbild.themes.services import codings_reanchor

        if codings_reanchor not in TEXT_CHANGE_LISTENERS:
            TEXT_CHANGE_LISTENERS.append(codings_reanchor)
        # Reports cite quotes as [@citat:ID]; the resolver lives here, reports imports no themes.
        from lagesbild.themes import report_parts  # noqa: F401
