"""Side effects of the experience collection; see the modules for each area."""

from lagesbild.experiences.services.files import Extracted, FileRefused, document_extract_text
from lagesbild.experiences.services.importing import (
    Mapping,
    Preview,
    Table,
    import_commit,
    import_preview,
    import_purge_stale,
    table_read,
)
from lagesbild.experiences.services.sources import (
    SourceInput,
    collection_create,
    collection_set_categories,
    collection_update,
    source_delete,
    source_mark_personal,
    source_refresh_text,
    source_register,
    source_reveal_original,
    source_update,
    text_fingerprint,
)
from lagesbild.experiences.services.web import (
    answer_rate_allows,
    web_answer_submit,
    web_question_create,
    web_question_set_prompts,
    web_question_update,
)

__all__ = [
    "Extracted",
    "FileRefused",
    "Mapping",
    "Preview",
    "SourceInput",
    "Table",
    "answer_rate_allows",
    "collection_create",
    "collection_update",
    "collection_set_categories",
    "document_extract_text",
    "import_commit",
    "import_preview",
    "import_purge_stale",
    "source_delete",
    "source_mark_personal",
    "source_refresh_text",
    "source_register",
    "source_reveal_original",
    "source_update",
    "table_read",
    "text_fingerprint",
    "web_answer_submit",
    "web_question_create",
    "web_question_set_prompts",
    "web_question_update",
]
