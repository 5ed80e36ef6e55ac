from django.urls import path

from lagesbild.themes.views import agreement, codebook, coding, discovery, exports, grid, matrix

app_name = "themes"
urlpatterns = [
    path("", codebook.index, name="index"),
    path("<slug:slug>/", codebook.overview, name="overview"),
    path("<slug:slug>/koder/", codebook.codes, name="codes"),
    path("<slug:slug>/koder/<int:pk>/", codebook.code_detail, name="code"),
    path("<slug:slug>/koder/<int:pk>/segment.<str:fmt>", exports.code_export, name="code_export"),
    path("<slug:slug>/memon/", codebook.memos, name="memos"),
    path("<slug:slug>/export.qdpx", exports.qdpx_download, name="qdpx"),
    path("<slug:slug>/kodbok.<str:fmt>", exports.codebook_download, name="codebook_export"),
    path("<slug:slug>/koder/import/", exports.codebook_upload, name="codebook_import"),
    path("<slug:slug>/kallor/<int:pk>/", coding.source_code, name="source"),
    path("<slug:slug>/kallor/<int:pk>/memo/", coding.source_memo, name="source_memo"),
    path("<slug:slug>/kallor/<int:pk>/liknande/", coding.source_more_like, name="more_like"),
    path(
        "<slug:slug>/kallor/<int:pk>/kodning/<int:coding_id>/",
        coding.coding_action,
        name="coding_action",
    ),
    path("<slug:slug>/enkat/", grid.survey_grid, name="grid"),
    path("<slug:slug>/teman/", discovery.runs, name="runs"),
    path("<slug:slug>/teman/<int:pk>/", discovery.run_detail, name="run"),
    path("<slug:slug>/teman/<int:pk>/atgard/", discovery.run_action, name="run_action"),
    path(
        "<slug:slug>/teman/<int:pk>/tema/<int:theme_id>/",
        discovery.theme_detail,
        name="theme",
    ),
    path("<slug:slug>/matris/", matrix.matrix, name="matrix"),
    path("<slug:slug>/overensstammelse/", agreement.samples, name="samples"),
    path("<slug:slug>/overensstammelse/<int:pk>/", agreement.sample_detail, name="sample"),
]
