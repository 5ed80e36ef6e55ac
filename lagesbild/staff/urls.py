from django.urls import path

from lagesbild.staff import views

app_name = "staff"
urlpatterns = [
    path("", views.index, name="index"),
]
