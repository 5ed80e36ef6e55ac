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
# An obligation's owner is a role in free text (often the vendor's); on the region's side the
# staff lead and the designated decision makers answer for the agreement, so they are told.
FOLLOWED_BY = "record_decision"


@reminder("obligations")
def obligation_reminders(window: Window) -> int:
    """Tell those who follow the agreement once per obligation and due date."""
    due = (
        Obligation.objects.filter(
            status__in=[FollowUpStatus.PLANNED, FollowUpStatus.IN_PROGRESS],
            due_date__lte=window.until,
            due_date__gte=window.today - timedelta(days=OVERDUE_DAYS),
        )
        .select_related("agreement__staff")
        .order_by("due_date", "id")
    )
    told = 0
    recipients: dict[int, list[User]] = {}
    for obligation in due:
        staff = obligation.agreement.staff
        if staff.pk not in recipients:
            recipients[staff.pk] = users_who_may(action=FOLLOWED_BY, staff=staff)
        told += len(
            notification_send(
                recipients=recipients[staff.pk],
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
