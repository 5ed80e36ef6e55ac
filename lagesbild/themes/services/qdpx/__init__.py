"""REFI-QDA project exchange (.qdpx): export streams a ZIP; import reads one into an empty collection."""

from lagesbild.themes.services.qdpx.common import (
    ANSWER_SEPARATOR,
    NS,
    _a,
    _text,
    guid,
    schema_path,
    validate,
)
from lagesbild.themes.services.qdpx.export import qdpx_export
from lagesbild.themes.services.qdpx.importing import qdpx_import

__all__ = [
    "ANSWER_SEPARATOR",
    "NS",
    "_a",
    "_text",
    "guid",
    "qdpx_export",
    "qdpx_import",
    "schema_path",
    "validate",
]
