"""Reminders before an agreement's obligations fall due (run by `lagesbild notify-deadlines`)."""

from datetime import timedelta

from lagesbild.accounts.models import User
from lagesbild.decisions.models import FollowUpStatus, Obligation
from lagesbild.notifications.models import Kind
from lagesbild.notifications.reminders import Window, reminder
from lagesbild.notifications.services import notification_send, users_who_may

# An obligation already this many days overdue when reminders start is not mailed about;
# the agreement page and the start page list it as overdue.
OVERDUE_DAYS = 7
# An obligation's owner is a role in free text (often the vendor's). The staff member named to
# follow it up is told; without one, the staff lead and the designated decision makers, who
# answer for the agreement on the region's side.
FOLLOWED_BY = "record_decision"
# Someone named to follow up must still be able to open the agreement when reminded.
MAY_OPEN = "read_decisions"


@reminder("obligations")
def obligation_reminders(window: Window) -> int:
    """Tell those who follow the agreement once per obligation and due date."""
    due = (
        Obligation.objects.filter(
            status__in=[FollowUpStatus.PLANNED, FollowUpStatus.IN_PROGRESS],
            due_date__lte=window.until,
            due_date__gte=window.today - timedelta(days=OVERDUE_DAYS),
        )
        .select_related("agreement__staff", "followed_by")
        .order_by("due_date", "id")
    )
    told = 0
    answerable: dict[int, list[User]] = {}
    may_open: dict[int, set[int]] = {}
    for obligation in due:
        staff = obligation.agreement.staff
        if staff.pk not in answerable:
            answerable[staff.pk] = users_who_may(action=FOLLOWED_BY, staff=staff)
            may_open[staff.pk] = {u.pk for u in users_who_may(action=MAY_OPEN, staff=staff)}
        named = obligation.followed_by
        recipients = (
            [named]
            if named is not None and named.pk in may_open[staff.pk]
            else answerable[staff.pk]
        )
        told += len(
            notification_send(
                recipients=recipients,
                kind=Kind.OBLIGATION_DUE,
                staff=staff,
                params={
                    "agreement": obligation.agreement.title,
                    "obligation": obligation.description,
                    "party": obligation.party,
                    "owner": obligation.owner,
                    "due": f"{obligation.due_date:%Y-%m-%d}",
                },
                url=obligation.agreement.get_absolute_url(),
                key=f"obligation_due:{obligation.pk}:{obligation.due_date}",
            )
        )
    return told
