# The real SMTP server on loopback that the distribution tests use, for the notification mail.
from lagesbild.distribution.tests.conftest import smtp_server  # noqa: F401
