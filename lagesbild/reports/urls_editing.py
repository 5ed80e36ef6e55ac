from django.urls import URLPattern, path

from lagesbild.reports.views import editing, series

urlpatterns: list[URLPattern] = [
    path("serie/<slug:slug>/ny-rapport/", editing.report_create, name="report_create"),
    path("<int:pk>/redigera/", editing.report_edit, name="report_edit"),
    path("<int:pk>/redigera/uppgifter/", editing.report_details, name="report_details"),
    path(
        "<int:pk>/redigera/avsnitt/<int:section_pk>/",
        editing.section_edit,
        name="section_edit",
    ),
    path(
        "<int:pk>/redigera/avsnitt/<int:section_pk>/forhandsgranska/",
        editing.section_preview,
        name="section_preview",
    ),
    path(
        "<int:pk>/redigera/avsnitt/<int:section_pk>/tilldela/",
        editing.section_assign,
        name="section_assign",
    ),
    path(
        "<int:pk>/redigera/avsnitt/<int:section_pk>/status/",
        editing.section_status,
        name="section_status",
    ),
    path("<int:pk>/granskning/", editing.report_submit, name="report_submit"),
    path("<int:pk>/tillbaka/", editing.report_send_back, name="report_send_back"),
    path("<int:pk>/godkann/", editing.report_approve, name="report_approve"),
    path("<int:pk>/publicera/", editing.report_publish, name="report_publish"),
    path("<int:pk>/ratta/", editing.report_correct, name="report_correct"),
    path("serier/", series.series_list, name="series_list"),
    path("serier/ny/", series.series_create, name="series_create"),
    path("serier/<slug:slug>/", series.series_edit, name="series_edit"),
    path("serier/<slug:slug>/oppen/", series.series_public, name="series_public"),
    path("serier/<slug:slug>/mall/ny/", series.template_section_add, name="template_section_add"),
    path(
        "serier/<slug:slug>/mall/<int:pk>/",
        series.template_section_edit,
        name="template_section_edit",
    ),
    path(
        "serier/<slug:slug>/mall/<int:pk>/flytta/",
        series.template_section_move,
        name="template_section_move",
    ),
    path(
        "serier/<slug:slug>/mall/<int:pk>/ta-bort/",
        series.template_section_remove,
        name="template_section_remove",
    ),
]
