"""The external review's findings, each with the staff's response and its progress."""

# ruff: noqa: E501

# (title, text, severity, response, reason for the response, status)
FINDINGS = [
    (
        "Styrningen av införandet var otydlig",
        "Ansvaret mellan program, förvaltningar och leverantör var inte tydligt fördelat.",
        "high",
        "agree",
        "",
        "in_progress",
    ),
    (
        "Beslut om start fattades trots kända brister",
        "Kända brister i läkemedelsmodulen bedömdes som acceptabla utan riskanalys.",
        "critical",
        "agree",
        "",
        "in_progress",
    ),
    ("Utbildningen låg för långt före start", "", "medium", "agree", "", "done"),
    (
        "Verksamheternas beredskap bedömdes inte systematiskt",
        "",
        "high",
        "partly",
        "Beredskapen bedömdes, men inte på samma sätt i alla förvaltningar.",
        "in_progress",
    ),
    ("Avtalet ger svaga sanktioner vid försening", "", "high", "agree", "", "open"),
    ("Riskanalyserna följdes inte upp", "", "high", "agree", "", "done"),
    (
        "Kommunikationen till medarbetare var för optimistisk",
        "",
        "medium",
        "partly",
        "Budskapen var godkända av ledningen men speglade inte alltid läget i verksamheten.",
        "in_progress",
    ),
    ("Integrationer mot kommuner testades för sent", "", "high", "agree", "", "open"),
    (
        "Konsultberoendet är stort",
        "",
        "medium",
        "disagree",
        "Konsulterna behövs under införandet; kunskapsöverföring sker enligt plan.",
        "not_pursued",
    ),
    (
        "Inför en oberoende beslutsgrind före återstart",
        "Rekommendation: en extern part bör bedöma beredskapen före varje ny etapp.",
        "high",
        "agree",
        "",
        "open",
    ),
    (
        "Säkerställ uppföljning av patientsäkerhet",
        "Rekommendation: gemensamma mått för avvikelser före och efter start.",
        "critical",
        "agree",
        "",
        "in_progress",
    ),
    (
        "Förstärk förvaltningsorganisationen",
        "Rekommendation: en permanent förvaltning med mandat att prioritera.",
        "medium",
        "",
        "",
        "open",
    ),
]
