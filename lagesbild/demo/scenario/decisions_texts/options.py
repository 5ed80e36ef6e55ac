"""The options to decide between, the risks each carries, and the criteria they are scored on."""

# ruff: noqa: E501

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

# Per option (A resume, B change system, C step by step): (risk index, likelihood, consequence)
RISKS_PER_OPTION = {
    "A": [(0, 2, 4), (2, 3, 3), (5, 1, 3), (8, 3, 3), (13, 3, 3)],
    "B": [(0, 1, 4), (2, 3, 4), (5, 4, 4), (12, 3, 4), (18, 3, 4)],
    "C": [(0, 2, 3), (2, 2, 3), (5, 2, 3), (8, 2, 3), (13, 2, 3)],
}

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
