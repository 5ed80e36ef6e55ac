"""The written decision on a request (grounds, what was withheld, how to appeal) as Markdown."""

from django.utils import timezone
from django.utils.translation import gettext as _

from lagesbild.lib.dates import short_stamp
from lagesbild.records.models import RecordsRequest

DEFAULT_APPEAL_NOTICE = (
    "Beslutet kan överklagas hos kammarrätten. Överklagandet ska vara skriftligt, ange vilket "
    "beslut som överklagas och vilken ändring som begärs, och skickas till oss (inte till "
    "kammarrätten) inom tre veckor från den dag du fick del av beslutet. Vi prövar först om "
    "beslutet ska ändras och skickar sedan överklagandet vidare till kammarrätten."
)


def decision_markdown(request: RecordsRequest) -> str:
    """The written decision (grounds, what is withheld, how to appeal) as Markdown."""
    lines = [
        f"**{_('Diarienummer')}:** {request.number}  ",
        f"**{_('Begäran inkom')}:** {short_stamp(request.received_at)}  ",
        f"**{_('Beslutsdatum')}:** {short_stamp(request.decided_at or timezone.now())}",
        "",
        f"## {_('Begäran')}",
        "",
        request.description,
        "",
        f"## {_('Beslut')}",
        "",
        str(request.get_outcome_display()),
        "",
    ]
    documents = list(request.documents.all())
    if documents:
        lines += [f"## {_('Prövade handlingar')}", ""]
        for doc in documents:
            ground = f" ({doc.legal_ground})" if doc.legal_ground else ""
            lines.append(f"- {doc.title}: {doc.get_outcome_display()}{ground}")
        lines.append("")
    lines += [f"## {_('Skäl')}", "", request.grounds, ""]
    lines += [f"## {_('Hur man överklagar')}", "", request.appeal_notice, ""]
    if request.decided_by:
        lines += [f"{_('Beslutet har fattats av')} {request.decided_by.display_name()}."]
    return "\n".join(lines)
