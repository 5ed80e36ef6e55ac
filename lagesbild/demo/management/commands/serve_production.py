"""`lagesbild serve-production`: the web app on every core (gunicorn) plus supervised workers."""

import os
import signal
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from lagesbild.maintenance.services import migrations_pending


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


class Command(BaseCommand):
    help = (
        "Starta webbappen för drift: gunicorn med flera processer (en per kärna som standard) "
        "och bakgrundsarbetare som startas om om de avslutas. Migrerar inte: kör "
        "`lagesbild migrate` först. Inställningar: LAGESBILD_BIND, LAGESBILD_WEB_PROCESSES, "
        "LAGESBILD_WEB_THREADS, LAGESBILD_WEB_TIMEOUT, LAGESBILD_BACKGROUND_WORKERS."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bind",
            default=os.environ.get("LAGESBILD_BIND", "127.0.0.1:8000"),
            help="Adress och port, t.ex. 0.0.0.0:8000 (LAGESBILD_BIND).",
        )
        parser.add_argument(
            "--processes",
            type=int,
            default=_env_int("LAGESBILD_WEB_PROCESSES", os.cpu_count() or 1),
            help="Webbprocesser (LAGESBILD_WEB_PROCESSES; standard: antal kärnor).",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=_env_int("LAGESBILD_WEB_THREADS", 8),
            help="Trådar per webbprocess (LAGESBILD_WEB_THREADS; standard 8).",
        )
        parser.add_argument(
            "--background-workers",
            type=int,
            default=_env_int("LAGESBILD_BACKGROUND_WORKERS", 1),
            help="Bakgrundsarbetare att starta och hålla igång (LAGESBILD_BACKGROUND_WORKERS; "
            "0 om de körs som egna tjänster).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from gunicorn.app.base import BaseApplication

        from lagesbild.distribution.supervisor import WorkerSupervisor

        pending = migrations_pending()
        if pending:
            raise CommandError(
                f"Databasen har {len(pending)} migreringar som inte körts (t.ex. {pending[0]}). "
                "Ta en säkerhetskopia (`lagesbild backup`) och kör `lagesbild migrate` först."
            )
        if "DatabaseCache" in str(settings.CACHES["default"]["BACKEND"]):
            call_command("createcachetable", verbosity=0)
        # Forked web processes must not share the master's database connection.
        connections.close_all()
        processes, threads = max(1, options["processes"]), max(1, options["threads"])
        config = {
            "bind": options["bind"],
            "workers": processes,
            "threads": threads,
            "worker_class": "gthread" if threads > 1 else "sync",
            "timeout": _env_int("LAGESBILD_WEB_TIMEOUT", 60),
            "graceful_timeout": 20,
            "keepalive": 5,
            # A process is replaced after this many requests (with jitter), bounding slow leaks.
            "max_requests": _env_int("LAGESBILD_WEB_MAX_REQUESTS", 10000),
            "max_requests_jitter": 500,
            # Request logs would tie anonymous answers to IP addresses, so there are none.
            "accesslog": None,
            "errorlog": "-",
            "loglevel": "warning",
            "proc_name": "lagesbild",
        }

        class Server(BaseApplication):  # type: ignore[misc]
            def load_config(self) -> None:
                for key, value in config.items():
                    self.cfg.set(key, value)

            def load(self) -> Any:
                from lagesbild.wsgi import application

                return application

        if processes > 1 and "LocMemCache" in str(settings.CACHES["default"]["BACKEND"]):
            # Each process would count the web question's answers on its own.
            self.stderr.write(
                "Varning: cachen ligger i varje process (LAGESBILD_CACHE=memory), så webbfrågans "
                f"gräns per adress räknas i var och en av de {processes} processerna för sig. "
                "Sätt LAGESBILD_CACHE=database för en gemensam räkning."
            )
        supervisor = WorkerSupervisor(options["background_workers"], out=self.stdout)
        self.stdout.write(
            f"Serverar på http://{options['bind']}/ med {processes} processer × {threads} "
            f"trådar och {options['background_workers']} bakgrundsarbetare"
        )
        supervisor.start()
        try:
            Server().run()
        finally:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            supervisor.stop()
