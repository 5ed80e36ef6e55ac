from django.urls import path

from lagesbild.distribution import views

app_name = "distribution"
urlpatterns = [
    path("", views.index, name="index"),
]
