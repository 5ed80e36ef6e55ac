"""Demo distribution lists and recipients; the newest published report is sent to them.

The demo's worker delivers to the local mailbox (distribution:mailbox), so a newcomer sees
what the politicians received. One address is deliberately malformed, to show a failure.
"""

from typing import Any

from lagesbild.distribution.models import DistributionList, Recipient, SeriesDistribution
from lagesbild.distribution.services import report_distribute

POLITICIANS = [
    ("Eva Lindqvist", "eva.lindqvist@politik.region.example", "Regionstyrelsen"),
    ("Ahmed Karimi", "ahmed.karimi@politik.region.example", "Regionstyrelsen"),
    ("Birgitta Nyström", "birgitta.nystrom@politik.region.example", "Hälso- och sjukvårdsnämnden"),
    ("Lars Öberg", "lars.oberg@politik.region.example", "Hälso- och sjukvårdsnämnden"),
    ("Maria Svensson", "maria.svensson@politik.region.example", "Regionfullmäktiges presidium"),
]
MANAGERS = [
    ("Per Nordin", "per.nordin@region.example", "Koncernkontoret"),
    ("Anna Wallin", "anna.wallin@region.example", "Hälso- och sjukvården"),
    ("Fredrik Ahlgren", "fredrik.ahlgren@region.example", "Primärvården"),
    ("Sofia Ek", "sofia.ek@region.example", "Sjukhusförvaltningen"),
    ("Jonas Berglund", "jonas.berglund@region.example", "Regionens IT"),
    ("Helena Karlsson", "helena.karlsson@region.example", "HR-avdelningen"),
    ("Eva Lindqvist", "eva.lindqvist@politik.region.example", "Regionstyrelsen"),  # on both lists
    ("Ekonomichefen", "ekonomichef.region.example", "Ekonomiavdelningen"),  # malformed on purpose
]


def load(ctx: dict[str, Any]) -> None:
    staff = ctx.get("staff")
    if staff is None:
        return
    lists = {}
    for name, description, people in [
        ("Politisk ledning", "Regionstyrelsens och nämndernas presidier.", POLITICIANS),
        ("Chefer", "Förvaltningschefer och stödfunktioner.", MANAGERS),
        ("Staben", "Stabens medlemmar.", []),
    ]:
        lst = DistributionList.objects.create(staff=staff, name=name, description=description)
        Recipient.objects.bulk_create(
            Recipient(distribution_list=lst, name=n, email=e, organisation=o) for n, e, o in people
        )
        lists[name] = lst
    users = ctx.get("users") or {}
    for member in staff.members.select_related("user"):
        if member.user is not None and member.user.email:
            Recipient.objects.create(
                distribution_list=lists["Staben"],
                name=member.name,
                email=member.user.email,
                organisation=member.organisation,
            )
    series = ctx.get("series")
    if series is not None:
        config = SeriesDistribution.objects.create(series=series, attach_pdf=True)
        config.lists.set([lists["Politisk ledning"], lists["Chefer"]])
        reports = ctx.get("reports") or []
        if reports:
            # Sent once the demo's worker runs (after the scenario's transaction commits).
            report_distribute(report=reports[-1], by=users.get("redaktor"))
    ctx.update(distribution_lists=lists)
