"""The same-working-day clock at fixed times: evenings, weekends, Midsommarafton, Christmas."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from lagesbild.records import clock

SE = ZoneInfo("Europe/Stockholm")
HOURS = clock.OfficeHours.parse("08:00-16:30", warn_minutes=60)


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=SE)


def test_a_request_in_the_morning_is_due_at_close_the_same_day() -> None:
    # Tuesday 2025-02-25 09:15
    assert clock.deadline(at(2025, 2, 25, 9, 15), HOURS) == at(2025, 2, 25, 16, 30)


def test_a_request_in_the_evening_is_due_at_close_the_next_working_day() -> None:
    assert clock.deadline(at(2025, 2, 25, 19, 40), HOURS) == at(2025, 2, 26, 16, 30)


def test_a_request_on_friday_evening_or_the_weekend_is_due_on_monday() -> None:
    monday_close = at(2025, 3, 3, 16, 30)
    assert clock.deadline(at(2025, 2, 28, 17, 5), HOURS) == monday_close
    assert clock.deadline(at(2025, 3, 1, 11, 0), HOURS) == monday_close
    assert clock.deadline(at(2025, 3, 2, 23, 59), HOURS) == monday_close


def test_midsummer_eve_and_the_weekend_after_are_not_working_days() -> None:
    # Thursday 2025-06-19 evening → Friday is Midsommarafton → due Monday 23 June.
    assert not HOURS.is_working_day(date(2025, 6, 20))
    assert clock.swedish_holidays(2025)[date(2025, 6, 20)] == "Midsommarafton"
    assert clock.deadline(at(2025, 6, 19, 18, 0), HOURS) == at(2025, 6, 23, 16, 30)
    # Working hours from Thursday 16:00 to Monday 09:00: 0.5 h + 1 h.
    assert clock.working_hours(at(2025, 6, 19, 16, 0), at(2025, 6, 23, 9, 0), HOURS) == 1.5


def test_christmas_eve_to_boxing_day_counts_no_hours() -> None:
    # Tuesday 23 December 2025 at 15:30, Wednesday 24 to Friday 26 are off.
    received = at(2025, 12, 23, 15, 30)
    assert clock.deadline(received, HOURS) == at(2025, 12, 23, 16, 30)
    assert clock.working_hours(received, at(2025, 12, 26, 23, 0), HOURS) == 1.0
    assert clock.deadline(at(2025, 12, 23, 17, 0), HOURS) == at(2025, 12, 29, 16, 30)


def test_eves_become_working_days_when_the_setting_leaves_them_out() -> None:
    public_only = clock.OfficeHours.parse("08:00-16:30", holiday_categories=("public",))
    assert public_only.is_working_day(date(2025, 12, 24))
    assert clock.deadline(at(2025, 12, 23, 17, 0), public_only) == at(2025, 12, 24, 16, 30)


def test_age_counts_only_office_hours_across_nights_and_weekends() -> None:
    # Friday 14:00 → Monday 10:00 = 2.5 h on Friday + 2 h on Monday.
    assert clock.working_hours(at(2025, 2, 28, 14, 0), at(2025, 3, 3, 10, 0), HOURS) == 4.5
    assert clock.working_hours(at(2025, 3, 3, 10, 0), at(2025, 2, 28, 14, 0), HOURS) == 0


def test_the_status_warns_in_the_last_hour_and_is_overdue_after_close() -> None:
    received = at(2025, 2, 25, 9, 15)
    assert clock.status(received, at(2025, 2, 25, 15, 0), HOURS) == clock.OK
    assert clock.status(received, at(2025, 2, 25, 15, 45), HOURS) == clock.WARNING
    assert clock.status(received, at(2025, 2, 25, 16, 30), HOURS) == clock.OVERDUE
    # Received Friday evening: on Saturday there is a whole working day left.
    assert clock.status(at(2025, 2, 28, 18, 0), at(2025, 3, 1, 12, 0), HOURS) == clock.OK


def test_office_hours_are_parsed_and_nonsense_is_refused() -> None:
    hours = clock.OfficeHours.parse("07:30–16:00")
    assert (hours.opens.hour, hours.closes.minute) == (7, 0)
    for bad in ("16:00-08:00", "hela dagen"):
        try:
            clock.OfficeHours.parse(bad)
        except ValueError:
            continue
        raise AssertionError(bad)
