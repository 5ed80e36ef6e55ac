"""The analysis workspace in search: codes and memos, for those who code the staff's collection."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lagesbild.search.registry import Findable, searchable
from lagesbild.themes.models import Code, Memo

# Opening a code or the memos is the analysis workspace: the same right as coding.
OPEN = "code_experiences"


def _code(code: Code) -> Findable | None:
    if not code.is_active:  # retired or merged: the page stays, search points at the living code
        return None
    collection = code.codebook.collection
    return Findable(
        code.name,
        code.description,
        collection.staff,
        OPEN,
        reverse("themes:code", args=[collection.slug, code.pk]),
        code.created_at,
    )


def _memo(memo: Memo) -> Findable:
    collection = memo.codebook.collection
    if memo.code_id:
        url = reverse("themes:code", args=[collection.slug, memo.code_id])
        about = memo.code.name  # type: ignore[union-attr]
    elif memo.source_id:
        url = reverse("themes:source", args=[collection.slug, memo.source_id])
        about = str(_("Källa %(n)s") % {"n": memo.source_id})
    else:
        url = reverse("themes:memos", args=[collection.slug])
        about = collection.title
    first = memo.text.strip().splitlines()[0][:100] if memo.text.strip() else ""
    return Findable(f"{about}: {first}", memo.text, collection.staff, OPEN, url, memo.created_at)


def register() -> None:
    searchable(
        "code",
        label=_("Koder och teman"),
        model=Code,
        describe=_code,
        actions=[OPEN],
        everything=lambda: Code.objects.select_related("codebook__collection__staff"),
    )
    searchable(
        "memo",
        label=_("Memon"),
        model=Memo,
        describe=_memo,
        actions=[OPEN],
        everything=lambda: Memo.objects.select_related("codebook__collection__staff", "code"),
    )
