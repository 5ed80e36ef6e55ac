from django.urls import URLPattern, path

from lagesbild.reports.views import reading

urlpatterns: list[URLPattern] = [
    path("<int:pk>/", reading.report_detail, name="report_detail"),
    path("<int:pk>/andringar/", reading.report_changes, name="report_changes"),
    path("serie/<slug:slug>/arkiv/", reading.archive, name="archive"),
    path("serie/<slug:slug>/flode.atom", reading.feed, name="feed"),
]
