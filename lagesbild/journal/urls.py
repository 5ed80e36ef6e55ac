from django.urls import path

from lagesbild.journal.views import export, journal, meetings, tasks

app_name = "journal"
urlpatterns = [
    path("", journal.index, name="index"),
    path("stab/<slug:slug>/journal/", journal.journal, name="journal"),
    path(
        "stab/<slug:slug>/journal/stabsjournal.csv",
        export.journal_export,
        {"fmt": "csv"},
        name="export_csv",
    ),
    path(
        "stab/<slug:slug>/journal/stabsjournal.pdf",
        export.journal_export,
        {"fmt": "pdf"},
        name="export_pdf",
    ),
    path("journal/<int:pk>/", journal.entry_detail, name="entry"),
    path("stab/<slug:slug>/fragor/", tasks.task_list, name="tasks"),
    path("stab/<slug:slug>/fragor/ny/", tasks.task_create, name="task_create"),
    path("fraga/<int:pk>/", tasks.task_detail, name="task"),
    path("fraga/<int:pk>/redigera/", tasks.task_edit, name="task_edit"),
    path("stab/<slug:slug>/moten/", meetings.meeting_list, name="meetings"),
    path("stab/<slug:slug>/moten/nytt/", meetings.meeting_create, name="meeting_create"),
    path("mote/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("mote/<int:pk>/faststall/", meetings.meeting_close, name="meeting_close"),
]
