"""What the QDPX export and import share: the namespace, stable GUIDs, text and schema checks."""

from __future__ import annotations

import functools
import re
import uuid
import zlib
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import quoteattr

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from lagesbild.experiences.models import Channel
from lagesbild.themes.services.coding import AnalysisError

NS = "urn:QDA-XML:project:1.0"
# Stable GUIDs: the same object gets the same GUID in every export, so re-imports can match.
GUID_ROOT = uuid.UUID("6f1d2c9a-3b7e-4c1a-9a51-2f3d8e7b0c44")
ANSWER_SEPARATOR = "\n\n"
SURVEY = (Channel.WEB, Channel.SURVEY)
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def schema_path(name: str = "Project-mrt2019.xsd") -> Path:
    """The REFI-QDA schemas beside the repository (../shared/schemas/refi-qda/)."""
    return Path(settings.REPO_DIR).parent / "shared" / "schemas" / "refi-qda" / name


def guid(kind: str, pk: object) -> str:
    """A stable GUID per kind and id; integer ids take a fast path (an export writes millions)."""
    if isinstance(pk, int) and 0 <= pk < 1 << 48:
        return f"{_kind_prefix(kind)}-0000-4000-8000-{pk:012x}"
    return str(uuid.uuid5(GUID_ROOT, f"{kind}:{pk}"))


@functools.cache
def _kind_prefix(kind: str) -> str:
    return f"{zlib.crc32(kind.encode()):08x}"


def _text(value: str) -> str:
    # XML 1.0 forbids most control characters, and "\r" breaks positions in tools that drop it:
    # each is replaced one for one so every character offset stays the same.
    return _INVALID_XML.sub(" ", value.replace("\r", " "))


def _when(value: datetime | None) -> str:
    return (value or timezone.now()).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _a(**attrs: object) -> str:
    return "".join(
        f" {k}={quoteattr(_text(str(v)))}" for k, v in attrs.items() if v not in (None, "")
    )


def validate(xml: bytes, schema: str) -> None:
    """Refuse a file the REFI-QDA schema does not accept (unknown elements included), in Swedish."""
    import xmlschema

    path = schema_path(schema)
    if not path.exists():
        return  # an installation without the schemas still imports; the parser below is strict too
    errors = list(xmlschema.XMLSchema(str(path)).iter_errors(xml))
    if errors:
        first = errors[0]
        where = getattr(first, "path", "") or ""
        raise AnalysisError(
            _("Filen följer inte REFI-QDA-schemat (%(n)d fel). Första felet: %(reason)s %(where)s")
            % {"n": len(errors), "reason": (first.reason or str(first))[:200], "where": where}
        )
