"""Citations and directives in a section's Markdown: the joint report's evidence chain.

`[@citat:1234]` cites a quote (a coded passage), `[@lärdom:7]` a lesson (L-7): each becomes
a numbered footnote on the page, in the PDF and in the Word file. `[@siffror]` and
`[@lärdomar]` are directives: they expand to Markdown another app computes (the collection's
current figures, the latest lessons) and freeze with the section on publish. The apps that
own the things register a resolver here in AppConfig.ready(); reports imports none of them.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from lagesbild.staff.models import Staff

# One syntax for both: a word after "[@", and for a citation a colon and a number.
TOKEN = re.compile(r"\[@([a-zåäö-]+)(?::(\d{1,18}))?\]", re.IGNORECASE)
# What rendering puts in a citation's place: a Markdown footnote reference, numbered per report.
FOOTNOTE_REF = re.compile(r"\[\^(\d+)\]")


@dataclass(frozen=True)
class Cited:
    """What a citation says, as it stands when resolved (and as it is frozen on publish)."""

    text: str  # the redacted quote, or the lesson's statement: plain text
    label: str  # "Dialogmöte, Utförarförvaltning, 12 februari 2025" or "L-7 Utbildningen …"
    url: str = ""  # where the staff open the thing itself (analysis workspace, lesson page)
    # Kind-specific, kept with the version: channel, category, date, category_respondents
    # (quotes), actions and supporting quotes (lessons). See docs/joint-report.md.
    meta: dict[str, Any] = field(default_factory=dict)


# (staff, the numbers cited) -> what each number cites; a number left out is no such thing in
# this staff. All of one kind at once, so a draft citing twelve lessons costs one lookup.
Resolver = Callable[[Staff, list[int]], dict[int, Cited]]


@dataclass(frozen=True)
class CitationKind:
    prefix: str
    label: Any  # "Citat", "Lärdom"
    resolve: Resolver
    # "said" (a quote: the feedback page's "Ni sa") or "learned" (a lesson: "Vi lärde oss").
    role: str = "said"


@dataclass(frozen=True)
class Directive:
    name: str
    label: Any
    render: Callable[[Staff], str]


CITATION_KINDS: dict[str, CitationKind] = {}
DIRECTIVES: dict[str, Directive] = {}


def citation_kind(prefix: str, *, label: Any, resolve: Resolver, role: str = "said") -> None:
    """Register `[@prefix:N]`; `resolve(staff, [N, …])` must leave out another staff's N."""
    CITATION_KINDS[prefix.lower()] = CitationKind(prefix.lower(), label, resolve, role)


def markdown_directive(name: str, *, label: Any) -> Callable[[Callable[[Staff], str]], Any]:
    """Register `[@name]`, expanded to the function's Markdown for the report's staff."""

    def register(render: Callable[[Staff], str]) -> Callable[[Staff], str]:
        DIRECTIVES[name.lower()] = Directive(name.lower(), label, render)
        return render

    return register


def citations_in(markdown: str) -> list[tuple[str, int]]:
    """The citations in the text, in order of first appearance, each once."""
    found: list[tuple[str, int]] = []
    for match in TOKEN.finditer(markdown or ""):
        prefix, number = match.group(1).lower(), match.group(2)
        if number is not None and prefix in CITATION_KINDS:
            key = (prefix, int(number))
            if key not in found:
                found.append(key)
    return found


def directives_expand(markdown: str, staff: Staff) -> str:
    """Replace each `[@name]` directive by its Markdown; citations and unknowns stay as typed."""

    def expand(match: re.Match[str]) -> str:
        directive = DIRECTIVES.get(match.group(1).lower())
        if match.group(2) is not None or directive is None:
            return match.group(0)
        return directive.render(staff).strip()

    return TOKEN.sub(expand, markdown or "")


def markdown_errors(markdown: str, staff: Staff) -> list[str]:
    """What is wrong with the citations and directives a writer typed, as editor messages."""
    errors: list[str] = []
    resolved = citations_resolve(staff, citations_in(markdown))
    for match in TOKEN.finditer(markdown or ""):
        prefix, number = match.group(1).lower(), match.group(2)
        if number is None:
            if prefix not in DIRECTIVES:
                errors.append(_("%(token)s är ingen känd hänvisning.") % {"token": match.group(0)})
            continue
        kind = CITATION_KINDS.get(prefix)
        if kind is None:
            errors.append(
                _("%(token)s: okänd sorts hänvisning (använd %(kinds)s).")
                % {
                    "token": match.group(0),
                    "kinds": ", ".join(f"[@{k}:…]" for k in CITATION_KINDS),
                }
            )
        elif resolved.get((prefix, int(number))) is None:
            errors.append(
                _(
                    "%(token)s: %(kind)s %(n)s finns inte i stabens bekräftade eller publicerade underlag."
                )
                % {"token": match.group(0), "kind": str(kind.label), "n": number}
            )
    return list(dict.fromkeys(errors))


def citations_resolve(
    staff: Staff, keys: Iterable[tuple[str, int]]
) -> dict[tuple[str, int], Cited | None]:
    """What each (prefix, number) cites in the staff, None where nothing; one call per kind."""
    by_kind: dict[str, list[int]] = {}
    for prefix, number in keys:
        by_kind.setdefault(prefix, []).append(number)
    out: dict[tuple[str, int], Cited | None] = {}
    for prefix, numbers in by_kind.items():
        kind = CITATION_KINDS.get(prefix)
        found = kind.resolve(staff, numbers) if kind else {}
        out.update({(prefix, number): found.get(number) for number in numbers})
    return out


# A citation with the spaces before it: "arbetet [@citat:1]." reads "arbetet¹." as a footnote.
_SPACED_TOKEN = re.compile(r"[ \t]*" + TOKEN.pattern, re.IGNORECASE)


def citations_number(markdown: str, numbers: dict[tuple[str, int], int]) -> str:
    """Citations as footnote references `[^n]`; `numbers` grows as new citations appear."""

    def replace(match: re.Match[str]) -> str:
        prefix, number = match.group(1).lower(), match.group(2)
        if number is None or prefix not in CITATION_KINDS:
            return match.group(0)
        key = (prefix, int(number))
        if key not in numbers:
            numbers[key] = len(numbers) + 1
        return f"[^{numbers[key]}]"

    return _SPACED_TOKEN.sub(replace, markdown or "")


def help_line() -> str:
    """The editor's one-line reminder of the syntax registered in this installation."""
    parts = [
        f"[@{k}:{'1234' if v.role == 'said' else '7'}] ({str(v.label).lower()})"
        for k, v in CITATION_KINDS.items()
    ]
    parts += [f"[@{d}] ({str(v.label).lower()})" for d, v in DIRECTIVES.items()]
    if not parts:
        return ""
    return _("Hänvisningar: %(parts)s.") % {"parts": ", ".join(parts)}
