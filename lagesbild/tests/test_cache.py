"""The shared database cache counts with an atomic incr that keeps the entry's expiry."""

from typing import Any

import pytest
from django.core.cache import caches
from django.core.management import call_command


@pytest.fixture
def db_cache(settings: Any, db: None) -> Any:
    settings.CACHES = {
        "default": {"BACKEND": "lagesbild.lib.cache.DatabaseCache", "LOCATION": "test_cache"}
    }
    call_command("createcachetable", verbosity=0)
    return caches["default"]


def _expires() -> Any:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT expires FROM test_cache")
        return cursor.fetchone()[0]


def test_incr_counts_and_keeps_the_window(db_cache: Any) -> None:
    assert db_cache.add("k", 1, timeout=600)
    window_end = _expires()
    assert [db_cache.incr("k") for _ in range(3)] == [2, 3, 4]
    assert db_cache.get("k") == 4
    # The stock incr writes the default 300 s timeout back, shortening a 600 s window.
    assert _expires() == window_end


def test_incr_of_a_missing_or_expired_key_is_a_value_error(db_cache: Any) -> None:
    with pytest.raises(ValueError):
        db_cache.incr("nothing")
    db_cache.set("old", 1, timeout=-1)
    with pytest.raises(ValueError):
        db_cache.incr("old")
