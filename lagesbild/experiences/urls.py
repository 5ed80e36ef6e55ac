from django.urls import path

from lagesbild.experiences.views import collections, importing, sources, web

app_name = "experiences"
urlpatterns = [
    path("", collections.index, name="index"),
    path("ny/", collections.collection_new, name="collection_new"),
    # Public, anonymous: the open web question.
    path("fraga/<slug:question_slug>/", web.answer, name="answer"),
    path("fraga/<slug:question_slug>/tack/", web.answer_thanks, name="answer_thanks"),
    path("<slug:slug>/", collections.dashboard, name="dashboard"),
    path("<slug:slug>/andra/", collections.collection_edit, name="collection_edit"),
    path("<slug:slug>/dubbletter/", collections.duplicates, name="duplicates"),
    path("<slug:slug>/kallor/", sources.source_list, name="sources"),
    path("<slug:slug>/kallor/<int:pk>/", sources.source_detail, name="source"),
    path("<slug:slug>/kallor/<int:pk>/andra/", sources.source_edit, name="source_edit"),
    path("<slug:slug>/kallor/<int:pk>/maskera/", sources.source_mark, name="source_mark"),
    path("<slug:slug>/kallor/<int:pk>/original/", sources.source_original, name="source_original"),
    path("<slug:slug>/kallor/<int:pk>/fil/", sources.source_file, name="source_file"),
    path("<slug:slug>/registrera/<str:channel>/", sources.source_new, name="source_new"),
    path("<slug:slug>/dokument/", sources.documents_upload, name="documents"),
    path("<slug:slug>/webbfraga/ny/", web.web_question_new, name="web_question_new"),
    path(
        "<slug:slug>/webbfraga/<slug:question_slug>/",
        web.web_question_edit,
        name="web_question_edit",
    ),
    path("<slug:slug>/import/", importing.import_upload, name="import_upload"),
    path("<slug:slug>/import/<int:pk>/", importing.import_map, name="import_map"),
]
