"""Shared lookups: every view finds its collection and checks the person's role in its staff."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from lagesbild.accounts.permissions import check_staff, may_map
from lagesbild.experiences.models import Collection
from lagesbild.themes.models import Codebook, Coding
from lagesbild.themes.services import codebook_for


def workspace(
    request: HttpRequest, slug: str, action: str = "code_experiences"
) -> tuple[Collection, Codebook]:
    """The collection and its codebook, or 404/403; the staff check comes before anything is read."""
    collection = get_object_or_404(Collection.objects.select_related("staff"), slug=slug)
    check_staff(request, action, collection.staff)
    return collection, codebook_for(collection=collection)


def context(
    request: HttpRequest, collection: Collection, codebook: Codebook, **extra: Any
) -> dict[str, Any]:
    return {
        "collection": collection,
        "codebook": codebook,
        "may": may_map(request.user, collection.staff),
        **extra,
    }


def highlighted(text: str, codings: list[Coding]) -> SafeString:
    """The text with each coded stretch in a <mark>; nothing but the text itself is added as text.

    1. Cut the text at every coding's start and end. 2. For each piece, list the codings covering
    it. 3. Wrap covered pieces in <mark> with the codes' names in a title and their colour.
    The JS selection helper counts characters of the element's text, so no labels go inline.
    """
    cuts = sorted({0, len(text), *[c.start for c in codings], *[c.end for c in codings]})
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a >= b:
            continue
        piece = escape(text[a:b])
        over = [c for c in codings if c.start <= a and b <= c.end]
        if not over:
            out.append(piece)
            continue
        names = ", ".join(dict.fromkeys(c.code.name for c in over))
        depth = min(len(over), 3)
        out.append(
            f'<mark class="coded depth-{depth}" style="--code: {escape(over[0].code.colour)}" '
            f'title="{escape(names)}" data-codings="{" ".join(str(c.pk) for c in over)}">{piece}</mark>'
        )
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above
