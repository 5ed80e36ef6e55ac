"""The client's address behind trusted proxies."""

from django.test import RequestFactory

from lagesbild.lib.clients import client_address

rf = RequestFactory()


def _request(remote: str, forwarded: str = ""):
    meta = {"REMOTE_ADDR": remote}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return rf.get("/", **meta)


def test_without_trusted_proxies_forwarded_headers_are_ignored(settings) -> None:
    settings.TRUSTED_PROXIES = []
    assert client_address(_request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_behind_a_trusted_proxy_the_client_is_the_nearest_untrusted_hop(settings) -> None:
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    # The client forged the first entry; our proxies appended the real one and themselves.
    request = _request("10.0.0.2", "1.2.3.4, 198.51.100.7, 10.0.0.5")
    assert client_address(request) == "198.51.100.7"


def test_a_forwarded_header_from_an_untrusted_address_is_ignored(settings) -> None:
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(_request("203.0.113.9", "1.2.3.4")) == "203.0.113.9"


def test_the_web_question_counts_each_client_behind_a_trusted_proxy(client, settings, db) -> None:
    from django.core.cache import cache

    from lagesbild.experiences.models import Source
    from lagesbild.experiences.tests.helpers import make_web_question

    cache.clear()
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.EXPERIENCES_ANSWER_RATE_LIMIT = 1
    question = make_web_question()
    prompt = question.prompts.first()

    def post(forwarded: str) -> int:
        return client.post(
            f"/erfarenheter/fraga/{question.slug}/",
            {f"answer_{prompt.pk}": "Svar", "website": ""},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=forwarded,
        ).status_code

    assert post("198.51.100.1") == 302
    assert post("198.51.100.2") == 302  # another employee behind the same proxy
    assert post("198.51.100.1") == 429
    # A forged first hop does not buy a fresh limit: the proxy appended the real address.
    assert post("203.0.113.9, 198.51.100.1") == 429
    assert Source.objects.count() == 2
