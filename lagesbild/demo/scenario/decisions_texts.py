"""The demo's decision basis in words: risks, the external review, options and criteria."""

# ruff: noqa: E501

# (title, cause, consequence, area indices, owner, history: [(days ago, likelihood,
#  consequence, reason)], next review in days (negative: overdue))
RISKS = [
    (
        "Felaktiga läkemedelslistor vid återstart",
        "Ofullständig migrering av ordinationer från det gamla systemet.",
        "Patient får fel läkemedel eller dos.",
        [0],
        "Chefläkare",
        [
            (70, 3, 4, "Första bedömningen efter incidentrapporterna i oktober."),
            (30, 2, 4, "Kontrollrutin för dubbelsignering infördes på alla avdelningar."),
        ],
        14,
    ),
    (
        "Remisser och svar kommer bort mellan systemen",
        "Två parallella system under pausen.",
        "Fördröjd diagnos och behandling.",
        [0, 2],
        "Hälso- och sjukvårdsdirektör",
        [
            (70, 3, 3, "Avvikelser från tre sjukhus."),
            (21, 3, 3, "Oförändrat; manuell bevakning fungerar men belastar personalen."),
        ],
        7,
    ),
    (
        "Medarbetare lämnar efter lång tids merarbete",
        "Dubbeldokumentation och osäkerhet om vägval.",
        "Vakanser, kompetensförlust och längre väntetider.",
        [1, 2],
        "HR-direktör",
        [
            (70, 2, 3, "Personalomsättningen följs månadsvis."),
            (14, 3, 3, "Fler uppsägningar bland sjuksköterskor på två sjukhus."),
        ],
        30,
    ),
    (
        "Kostnaderna för pausen överskrider budget",
        "Licenser, konsulter och dubbel drift löper under pausen.",
        "Mindre utrymme för vård och investeringar.",
        [3],
        "Ekonomidirektör",
        [
            (60, 3, 3, "Prognos från november."),
            (7, 4, 3, "Konsultkostnaderna för december blev högre än prognos."),
        ],
        21,
    ),
    (
        "Förtroendet för regionen sjunker",
        "Mediebevakning av incidenter och kostnader.",
        "Svårare att rekrytera och att få stöd för beslutet.",
        [4],
        "Kommunikationsdirektör",
        [(60, 3, 2, "Stor nationell bevakning av pausen.")],
        30,
    ),
    (
        "Tvist med leverantören om ansvar för förseningen",
        "Oklar tolkning av huvudavtalets leveransvillkor.",
        "Skadestånd, långa processer, låst handlingsfrihet.",
        [3, 5],
        "Chefsjurist",
        [(50, 2, 4, "Pausöverenskommelsen reglerar samarbetet tills vidare.")],
        45,
    ),
    (
        "Journalinformation nås inte vid driftstopp",
        "Reservrutiner inte övade i alla verksamheter.",
        "Vård utan tillgång till aktuell journal.",
        [0, 2],
        "IT-direktör",
        [
            (70, 2, 4, "Driftstörning i oktober."),
            (35, 2, 3, "Läsbara reservkopior finns nu på alla akutmottagningar."),
        ],
        -5,
    ),
    (
        "Kommunernas hemsjukvård får inte informationen",
        "Integrationen mot kommunernas system är inte klar.",
        "Brister i samordnade insatser vid utskrivning.",
        [0, 2],
        "Samverkanschef",
        [(45, 3, 3, "Signaler från kommunerna i dialogmöten.")],
        20,
    ),
    (
        "Utbildningen räcker inte vid en återstart",
        "Utbildning gavs långt före start och glömdes.",
        "Fel användning, stress och avvikelser.",
        [0, 1],
        "Utbildningsansvarig",
        [(40, 3, 3, "Erfarenheter från webbfrågan.")],
        25,
    ),
    (
        "Informationssäkerhetsbrist i behörighetsstyrningen",
        "Roller i det nya systemet är för breda.",
        "Obehörig åtkomst till journaler.",
        [5, 4],
        "Informationssäkerhetschef",
        [
            (55, 2, 4, "Loggkontroll visade för breda behörigheter."),
            (10, 1, 4, "Rollerna är omgjorda och kontrollerade."),
        ],
        60,
    ),
    (
        "Privata vårdgivare kan inte läsa journalen",
        "Åtkomstlösningen för vårdval är inte på plats.",
        "Dubbelarbete och risk för fel i vårdvalsverksamheter.",
        [0, 2],
        "Vårdvalschef",
        [(30, 3, 2, "Vårdgivarna har lämnat en gemensam skrivelse.")],
        30,
    ),
    (
        "Beslut om vägval drar ut på tiden",
        "Underlaget blir inte klart i tid.",
        "Pausens kostnader och osäkerhet fortsätter.",
        [3, 4],
        "Stabschef",
        [(30, 2, 3, "Tidplanen för underlaget är satt till mars.")],
        -2,
    ),
    (
        "Dataförlust vid avveckling av det gamla systemet",
        "Arkivering och export inte verifierad.",
        "Journalinformation går förlorad.",
        [0, 5],
        "Arkivchef",
        [(25, 1, 4, "Arkivplan finns men är inte testad.")],
        40,
    ),
    (
        "Leverantören prioriterar ned regionen",
        "Andra kunder konkurrerar om leverantörens resurser.",
        "Rättningar dröjer och tidplanen glider.",
        [2, 3],
        "Avtalsansvarig",
        [(40, 2, 3, "Leverantören har bytt projektledning två gånger.")],
        30,
    ),
    (
        "Arbetsmiljöanmälningar ökar",
        "Hög belastning på avdelningar med dubbel dokumentation.",
        "Sjukskrivningar och Arbetsmiljöverkets inspektion.",
        [1],
        "HR-direktör",
        [
            (35, 2, 2, "Skyddsombuden har lyft frågan."),
            (5, 3, 2, "Två anmälningar till Arbetsmiljöverket."),
        ],
        20,
    ),
    (
        "Patienter når inte sina journaler via 1177",
        "Integrationen mot nationella tjänster är pausad.",
        "Fler samtal och minskad delaktighet.",
        [2, 4],
        "Digitaliseringschef",
        [(45, 3, 1, "Patientnämnden har fått klagomål.")],
        45,
    ),
    (
        "Statistik och uppföljning saknas för 2025",
        "Rapportuttag ur det nya systemet fungerar inte.",
        "Ersättning och uppföljning blir fel.",
        [3, 2],
        "Analyschef",
        [(30, 3, 2, "Uttag för kvartal 3 saknas.")],
        30,
    ),
    (
        "Nyckelpersoner i projektet försvinner",
        "Konsultkontrakt löper ut under pausen.",
        "Kunskap om konfiguration går förlorad.",
        [2, 3],
        "Programchef",
        [(20, 3, 3, "Tre av fem konfigurationsansvariga är konsulter.")],
        15,
    ),
    (
        "Ny upphandling överprövas",
        "Om regionen byter system måste en ny upphandling göras.",
        "Flera års försening.",
        [5, 3],
        "Upphandlingschef",
        [(20, 2, 4, "Bedömning inför jämförelsen av vägval.")],
        60,
    ),
    (
        "Regionens IT-drift klarar inte två system längre",
        "Dubbel drift binder personal och servrar.",
        "Störningar i andra system.",
        [2],
        "IT-direktör",
        [
            (30, 2, 2, "Driften klarar nuvarande nivå till våren."),
            (4, 2, 3, "Två nyckelpersoner i driften har slutat."),
        ],
        30,
    ),
]

# Per option (A resume, B change system, C step by step): (risk index, likelihood, consequence)
RISKS_PER_OPTION = {
    "A": [(0, 2, 4), (2, 3, 3), (5, 1, 3), (8, 3, 3), (13, 3, 3)],
    "B": [(0, 1, 4), (2, 3, 4), (5, 4, 4), (12, 3, 4), (18, 3, 4)],
    "C": [(0, 2, 3), (2, 2, 3), (5, 2, 3), (8, 2, 3), (13, 2, 3)],
}

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

OPTIONS = [
    (
        "A",
        "Återuppta införandet med nuvarande system",
        "Införandet återupptas etappvis efter att leverantören rättat de brister som ledde till pausen. En oberoende beslutsgrind bedömer beredskapen före varje etapp.",
    ),
    (
        "B",
        "Avsluta avtalet och byta system",
        "Regionen avslutar avtalet med nuvarande leverantör och förbereder en ny upphandling. Det gamla systemet används under tiden.",
    ),
    (
        "C",
        "Stegvis: behålla där det fungerar, förbättra innan fortsättning",
        "Systemet behålls i de verksamheter som redan använder det. Vidare utrullning väntar tills förbättringarna har verifierats under sex månader.",
    ),
]

# (name, weight, scores for A, B, C as (value, justification, risk indices, finding indices))
CRITERIA: list[tuple[str, str, list[tuple[int, str, list[int], list[int]]]]] = [
    (
        "Patientsäkerhet",
        "3",
        [
            (
                3,
                "Kända brister rättas före återstart, men risk kvarstår vid varje etapp.",
                [0, 1],
                [1, 10],
            ),
            (
                3,
                "Ingen ny omställning på kort sikt, men gamla systemets brister kvarstår i flera år.",
                [0],
                [],
            ),
            (
                4,
                "Verifierade förbättringar före utrullning; färre samtidiga förändringar.",
                [0, 6],
                [10],
            ),
        ],
    ),
    (
        "Medarbetarnas erfarenheter och arbetsmiljö",
        "2",
        [
            (
                2,
                "Medarbetarna beskriver stor trötthet; en snabb återstart möter motstånd.",
                [2, 14],
                [6],
            ),
            (2, "Ännu en omställning om några år; förlorad investering i utbildning.", [2], []),
            (4, "Tid för förbättringar som medarbetarna själva efterfrågar.", [2, 8], [2]),
        ],
    ),
    (
        "Total kostnad 2026–2030",
        "2",
        [
            (4, "Lägst total kostnad; investeringen tas till vara.", [3], []),
            (1, "Ny upphandling, dubbel drift och avveckling blir dyrast.", [3, 18], [4]),
            (3, "Dubbel drift längre, men ingen ny upphandling.", [3, 19], []),
        ],
    ),
    (
        "Tid till ett fungerande stöd",
        "1.5",
        [
            (4, "Snabbast om rättningarna håller tidplanen.", [13], []),
            (1, "Minst tre till fyra år till ett nytt system.", [18], []),
            (3, "Sex månaders verifiering innan vidare utrullning.", [11], []),
        ],
    ),
    (
        "Genomföranderisk",
        "2",
        [
            (2, "Beroende av leverantörens rättningar och prioritering.", [13, 17], [0, 4]),
            (2, "Stor osäkerhet i en ny upphandling och överprövning.", [18], []),
            (3, "Mindre steg ger bättre kontroll, men kräver stark styrning.", [17], [0, 9]),
        ],
    ),
    (
        "Juridisk position mot leverantören",
        "1",
        [
            (3, "Pausöverenskommelsen ger en ordnad väg tillbaka.", [5], [4]),
            (1, "Risk för tvist om hävning och skadestånd.", [5], [4]),
            (3, "Förenligt med pausöverenskommelsen om parterna är överens.", [5], []),
        ],
    ),
    (
        "Informationssäkerhet",
        "1.5",
        [
            (3, "Behörighetsstyrningen är omgjord; kontroller behövs per etapp.", [9], []),
            (3, "Det gamla systemet är känt men har egna brister.", [], []),
            (4, "Tid att verifiera behörigheter och loggning.", [9], []),
        ],
    ),
    (
        "Samverkan med kommuner och privata vårdgivare",
        "1",
        [
            (2, "Integrationerna måste vara klara före återstart.", [7, 10], [7]),
            (3, "Befintliga integrationer fungerar under tiden.", [7], []),
            (3, "Integrationerna testas färdigt innan vidare utrullning.", [7, 10], [7]),
        ],
    ),
]

OBLIGATIONS = [
    (
        "Leverantören",
        "Redovisa rättningsplan för läkemedelsmodulen med tidplan.",
        "Leverantörens projektchef",
        10,
        "in_progress",
    ),
    (
        "Leverantören",
        "Leverera rättad version för verifiering i testmiljö.",
        "Leverantörens projektchef",
        38,
        "planned",
    ),
    (
        "Regionen",
        "Utse en oberoende part för verifiering av rättningarna.",
        "Programchef",
        5,
        "in_progress",
    ),
    (
        "Båda parter",
        "Gemensamt styrgruppsmöte varannan vecka med protokoll.",
        "Avtalsansvarig",
        -3,
        "in_progress",
    ),
    (
        "Regionen",
        "Lämna underlag om verksamheternas behov inför återstart.",
        "Hälso- och sjukvårdsdirektör",
        24,
        "planned",
    ),
    (
        "Leverantören",
        "Behålla nyckelkompetens i projektet under pausen.",
        "Avtalsansvarig",
        60,
        "planned",
    ),
]
