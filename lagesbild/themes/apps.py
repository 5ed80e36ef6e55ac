from django.apps import AppConfig


class ThemesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "lagesbild.themes"
    verbose_name = "Analys"

    def ready(self) -> None:
        # Codings point into a source's redacted text: re-anchor them whenever it changes.
        from lagesbild.experiences.services.sources import (
            SOURCE_CHANGE_LISTENERS,
            TEXT_CHANGE_LISTENERS,
        )
        from lagesbild.themes.indexing import register
        from lagesbild.themes.services import codings_reanchor, sources_changed

        register()  # codes and memos in search

        if codings_reanchor not in TEXT_CHANGE_LISTENERS:
            TEXT_CHANGE_LISTENERS.append(codings_reanchor)
        # The cached counts (codebook, matrix) depend on sources' category, channel, existence.
        if sources_changed not in SOURCE_CHANGE_LISTENERS:
            SOURCE_CHANGE_LISTENERS.append(sources_changed)
        # Reports cite quotes as [@citat:ID]; the resolver lives here, reports imports no themes.
        from lagesbild.themes import report_parts  # noqa: F401
