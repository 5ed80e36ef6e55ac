from django.urls import path

from lagesbild.lessons.views import actions, evidence, lessons

app_name = "lessons"
urlpatterns = [
    path("", lessons.index, name="index"),
    path("stab/<slug:slug>/", lessons.lesson_list, name="list"),
    path("stab/<slug:slug>/ny/", lessons.lesson_create, name="create"),
    path("stab/<slug:slug>/atgarder/", actions.actions_due, name="actions_due"),
    path("fran-analysen/", evidence.from_analysis, name="from_analysis"),
    path("<int:pk>/", lessons.lesson_detail, name="detail"),
    path("<int:pk>/redigera/", lessons.lesson_edit, name="edit"),
    path("<int:pk>/flytta/<str:to>/", lessons.lesson_move, name="move"),
    path("<int:pk>/publicera/", lessons.lesson_publish, name="publish"),
    path("<int:pk>/belagg/", evidence.evidence_pick, name="evidence"),
    path(
        "<int:pk>/belagg/<int:evidence_id>/ta-bort/",
        evidence.evidence_remove,
        name="evidence_remove",
    ),
    path("<int:pk>/atgard/ny/", actions.action_add, name="action_add"),
    path("atgard/<int:pk>/", actions.action_edit, name="action_edit"),
    path("atgard/<int:pk>/status/<str:to>/", actions.action_status, name="action_status"),
]
