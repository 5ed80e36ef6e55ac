"""Swedish date and time formats used in reports."""

from datetime import datetime

from django.utils import timezone


def compiled_at_text(moment: datetime) -> str:
    """The house style's stamp, e.g. "2025-02-27 klockan 08.30", in local time."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return f"{local:%Y-%m-%d} klockan {local:%H.%M}"


def short_stamp(moment: datetime) -> str:
    """E.g. "2025-02-27 08.30", for subjects and lists."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return f"{local:%Y-%m-%d %H.%M}"
