"""Records requests and their documents in search, for those who may see records. The
requester's name and contact are never indexed: search shows what is asked for, not who asks."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lagesbild.records.models import RecordsRequest, RequestedDocument
from lagesbild.search.registry import Findable, searchable

READ = "read_records"


def _request(request: RecordsRequest) -> Findable:
    body = "\n".join(
        [
            request.description,
            request.get_outcome_display() if request.outcome else "",
            request.grounds,
            *(n.text for n in request.notes.all()),
        ]
    )
    first = request.description.strip().splitlines()[0][:150] if request.description else ""
    return Findable(
        f"{request.number} {first}",
        body,
        request.staff,
        READ,
        reverse("records:request_detail", args=[request.pk]),
        request.received_at,
    )


def _document(document: RequestedDocument) -> Findable:
    request = document.request
    body = "\n".join(
        [
            document.get_kind_display(),
            document.get_outcome_display() if document.outcome else "",
            document.legal_ground,
            request.description,
        ]
    )
    return Findable(
        f"{request.number}: {document.title}",
        body,
        request.staff,
        READ,
        reverse("records:request_detail", args=[request.pk]) + f"#doc-{document.pk}",
        document.added_at,
    )


def register() -> None:
    searchable(
        "records_request",
        label=_("Begäranden om allmän handling"),
        model=RecordsRequest,
        describe=_request,
        actions=[READ],
        everything=lambda: RecordsRequest.objects.select_related("staff").prefetch_related("notes"),
    )
    searchable(
        "records_document",
        label=_("Begärda handlingar"),
        model=RequestedDocument,
        describe=_document,
        actions=[READ],
        everything=lambda: RequestedDocument.objects.select_related("request__staff"),
    )
