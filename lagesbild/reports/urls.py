"""Reports' URLs, one module per area so each can grow on its own."""

from django.urls import path

from lagesbild.reports.urls_editing import urlpatterns as editing
from lagesbild.reports.urls_importing import urlpatterns as importing
from lagesbild.reports.urls_reading import urlpatterns as reading
from lagesbild.reports.views import home

app_name = "reports"
urlpatterns = [
    path("", home.index, name="index"),
    *editing,
    *reading,
    *importing,
]
