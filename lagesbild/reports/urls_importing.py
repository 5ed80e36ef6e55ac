from django.urls import URLPattern, path

from lagesbild.reports.views import importing

urlpatterns: list[URLPattern] = [
    path("importera/", importing.report_import_upload, name="import"),
]
