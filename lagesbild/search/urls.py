from django.urls import path

from lagesbild.search import views

app_name = "search"
urlpatterns = [path("", views.search, name="search")]
