from django.urls import URLPattern, path

from lagesbild.reports.views import evidence, exports, reading

urlpatterns: list[URLPattern] = [
    path("<int:pk>/", reading.report_detail, name="report_detail"),
    path("<int:pk>/andringar/", reading.report_changes, name="report_changes"),
    path("serie/<slug:slug>/arkiv/", reading.archive, name="archive"),
    path("serie/<slug:slug>/flode.atom", reading.feed, name="feed"),
    path("<int:pk>/fotnoter/<int:number>/", evidence.citation, name="citation"),
    path("<int:pk>/aterkoppling/", evidence.feedback, name="feedback"),
    path("<int:pk>/word/", exports.report_docx, name="report_docx"),
]
