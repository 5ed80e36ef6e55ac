"""The `lagesbild` command: Lägesbild's own verbs, and Django's management commands passed through.

Every verb is a Django management command in the app it belongs to (`import-report` is
`reports/management/commands/import_report.py`), so `lagesbild VERB --help` is that
command's own help and the apps need no central registry.
"""

import os
import sys

# Verbs shown by `lagesbild --help`; anything else is passed to Django as it is.
VERBS = {
    "demo": "skapa datakatalog, migrera, ladda demoscenariot och starta webbappen",
    "serve": "starta webbappen (waitress) och en bakgrundsarbetare",
    "worker": "kör bakgrundskön (utskick); --burst kör tills kön är tom",
    "import-report": "läs in en rapport i husstil (Markdown) i en serie",
    "export-report": "skriv ut en rapport som md, html, pdf eller docx",
    "publish": "godkänn och publicera en rapport och skicka den",
    "deliveries": "visa antal köade, skickade, misslyckade och osäkra utskick",
    "recipients-import": "läs in mottagare till en sändlista från CSV/XLSX",
    "publish-static": "skriv publicerade rapporter som statiska HTML-sidor och Atom-flöde",
    "experiences-import": "läs in enkätsvar (CSV/XLSX) till en erfarenhetsinsamling",
    "experiences-export": "skriv en insamlings källor (maskerad text) till CSV",
    "themes": "föreslå teman i en CSV/XLSX-fil med fria svar",
    "experiences-purge-imports": "radera uppladdade enkätfiler som aldrig importerades",
    "notify-deadlines": "påminn före deadlines: rapporter, frågor och avtalens åtaganden (för cron)",
    "themes-suggest": "föreslå teman i en insamling och spara förslagen för bekräftelse",
    "export-qdpx": "skriv en insamlings analys som REFI-QDA-projekt (.qdpx)",
    "import-qdpx": "läs in ett REFI-QDA-projekt (.qdpx) i en tom insamling",
    "export-codebook": "skriv en insamlings kodbok som REFI-QDA-kodbok (.qdc)",
    "import-codebook": "läs in en kodbok (.qdc, CSV eller XLSX)",
    "records-due": "visa öppna begäranden om allmän handling, äldst först (kod 1 om försenad)",
    "records-purge": "ta bort sökandeuppgifter efter lagringstiden",
    "faq-stale": "visa (och påminn om) svar i Frågor och svar som inte granskats",
    "backup": "skriv databasen och alla filer till en säkerhetskopia (tar.gz)",
    "restore": "återställ en säkerhetskopia i en tom installation (--force skriver över)",
    "serve-production": "starta webbappen för drift: gunicorn på alla kärnor och bakgrundsarbetare",
    "export-decision-basis": "skriv ut ett beslutsunderlag som md, html, pdf eller docx",
    "export-joint-report": "skriv ut en gemensam rapport som md, html, pdf eller docx",
    "search": "sök i allt som en person får öppna; skriver slag, rubrik, datum och länk",
}

HELP = (
    "användning: lagesbild KOMMANDO [ALTERNATIV]\n\nKommandon:\n"
    + "\n".join(f"  {verb:<20} {text}" for verb, text in VERBS.items())
    + (
        "\n\nAlla Djangos kommandon fungerar också (t.ex. migrate, createsuperuser, shell).\n"
        "`lagesbild KOMMANDO --help` beskriver ett kommando."
    )
)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help", "help"}:
        print(HELP)
        return 0
    verb, rest = args[0], args[1:]
    if verb == "themes":
        # The theme engine is plain Python; it needs neither Django nor a database.
        from lagesbild.engine.themes_cli import main as themes_main

        return themes_main(rest)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lagesbild.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["lagesbild", verb.replace("-", "_"), *rest])
    return 0


if __name__ == "__main__":
    sys.exit(main())
