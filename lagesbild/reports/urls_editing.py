from django.urls import URLPattern, path

from lagesbild.reports.views import editing

urlpatterns: list[URLPattern] = [
    path("<int:pk>/redigera/", editing.report_edit, name="report_edit"),
]
