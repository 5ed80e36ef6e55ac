"""A second staff with overlapping people, so the separation of staffs is visible in the demo.

The winter-preparedness staff has its own editor, series, draft, actions and distribution
list. Sara Lind leads the VIS staff and is a designated decision maker here; Mikael Holm reads
both. `adjungerad` was added to this staff for a storm whose period has ended: the account
still exists and the staff page shows until when, but it opens nothing.
"""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from lagesbild.accounts.models import Role, User
from lagesbild.communications.models import CommunicationAction
from lagesbild.demo.scenario.people import DEMO_PASSWORD
from lagesbild.distribution.models import DistributionList, Recipient
from lagesbild.reports import services as reports
from lagesbild.reports.models import ReportSection, SectionKind, Series, TemplateSection
from lagesbild.staff.models import AccessRole, Spokesperson, Staff, StaffMember, StaffRole

USERS = [
    ("beredskapschef", "Anders", "Nyström", "Beredskapschef"),
    ("vinterredaktor", "Elin", "Strand", "Kommunikatör, krisberedskap"),
    ("adjungerad", "Lina", "Öberg", "Samordnare elförsörjning"),
]
TEMPLATE = [
    ("Sammanfattande lägesbild", SectionKind.TEXT),
    ("Väglag och kollektivtrafik", SectionKind.TEXT),
    ("Vårdens verksamhet", SectionKind.TEXT),
    ("Talesperson", SectionKind.SPOKESPERSONS),
]
PUBLISHED = {
    "Sammanfattande lägesbild": (
        "- Snöovädret i norra länsdelen har bedarrat.\n"
        "- Två vårdcentraler hade reducerade öppettider under tisdagen."
    ),
    "Väglag och kollektivtrafik": "- Plogning pågår; busstrafiken går enligt ordinarie tidtabell.",
    "Vårdens verksamhet": "- Hemtjänsten prioriterade insatser till personer med trygghetslarm.",
}
DRAFT = {
    "Sammanfattande lägesbild": "- SMHI varnar för ny snö och hårda vindar från fredag kväll.",
    "Väglag och kollektivtrafik": "",
    "Vårdens verksamhet": "- Reservkraft är testad vid samtliga sjukhus.",
}


def load(ctx: dict[str, Any]) -> None:
    today = timezone.localdate()
    users: dict[str, User] = ctx["users"]
    for username, first, last, title in USERS:
        users[username] = User.objects.create_user(
            username=username,
            password=DEMO_PASSWORD,
            first_name=first,
            last_name=last,
            email=f"{username}@region.example",
            role=Role.READER,  # only "admin" means anything; rights come from memberships
            title=title,
        )
    staff = Staff.objects.create(
        name="Regional stab vinterberedskap",
        slug="vinterstaben",
        purpose=(
            "Samordna regionens beredskap inför och under svåra vinterförhållanden: "
            "framkomlighet, vårdens drift, hemtjänst och elförsörjning."
        ),
        working_method=(
            "Staben aktiveras vid SMHI:s orange eller röd varning och möts dagligen klockan 09.00 "
            "så länge varningen gäller. Lägesrapport efter varje möte."
        ),
    )
    members = [
        ("beredskapschef", "Beredskapschef", StaffRole.LEAD, AccessRole.EDITOR),
        ("stabschef", "Stabschef VIS", StaffRole.DECISION_MAKER, AccessRole.READER),
        ("vinterredaktor", "Kommunikatör", StaffRole.CORE, AccessRole.EDITOR),
        ("lasare", "Regionråd", StaffRole.CORE, AccessRole.READER),
    ]
    for username, function, staff_role, access in members:
        StaffMember.objects.create(
            staff=staff,
            user=users[username],
            name=users[username].display_name(),
            function=function,
            organisation="Region Exempel",
            staff_role=staff_role,
            access_role=access,
        )
    StaffMember.objects.create(
        staff=staff,
        user=users["adjungerad"],
        name=users["adjungerad"].display_name(),
        function="Samordnare elförsörjning",
        organisation="Regionens fastighetsförvaltning",
        staff_role=StaffRole.ADDED,
        access_role=AccessRole.EDITOR,
        event="Stormen Alfrida – elavbrott",
        valid_from=today - timedelta(days=40),
        valid_to=today - timedelta(days=26),
    )
    Spokesperson.objects.create(
        staff=staff, name="Anders Nyström", title="beredskapschef", phone="010-123 40 00"
    )
    CommunicationAction.objects.create(
        staff=staff,
        date=today - timedelta(days=2),
        channel="intranet",
        title="Så förbereder du din verksamhet för snöoväder",
        url="https://intranat.region.example/vinterberedskap",
    )
    lst = DistributionList.objects.create(staff=staff, name="Krisledningsnämnden")
    Recipient.objects.bulk_create(
        Recipient(distribution_list=lst, name=name, email=email, organisation="Region Exempel")
        for name, email in [
            ("Birgitta Lund", "birgitta.lund@region.example"),
            ("Hassan Ali", "hassan.ali@region.example"),
        ]
    )
    series = Series.objects.create(
        staff=staff,
        title="Lägesrapport vinterberedskap",
        slug="lagesrapport-vinter",
        description="Rapport från vinterstaben till krisledningsnämnden och chefer.",
    )
    for position, (heading, kind) in enumerate(TEMPLATE):
        TemplateSection.objects.create(
            series=series, position=position, heading=heading, level=2, kind=kind
        )
    editor, lead = users["vinterredaktor"], users["beredskapschef"]
    published = _report(series, editor, PUBLISHED)
    reports.report_submit_for_review(report=published, by=editor)
    reports.report_approve(report=published, by=lead)
    reports.report_publish(report=published, by=editor)
    _report(series, editor, DRAFT)
    ctx.update(winter_staff=staff)


def _report(series: Series, by: User, texts: dict[str, str]) -> Any:
    report = reports.report_create_next(series=series, by=by)
    for section in report.sections.all():
        if section.heading in texts:
            ReportSection.objects.filter(pk=section.pk).update(body=texts[section.heading])
        elif section.kind == SectionKind.SPOKESPERSONS:
            section.spokespersons.set(series.staff.spokespersons.all())
    return report
