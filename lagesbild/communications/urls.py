from django.urls import path

from lagesbild.communications import views

app_name = "communications"
urlpatterns = [
    path("", views.index, name="index"),
]
