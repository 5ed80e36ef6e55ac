"""The obligations of both parties under the pause agreement with the vendor."""

# ruff: noqa: E501

# (party, description, owner, due in days (negative: overdue), status)
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
