from django.urls import path

from lagesbild.experiences import views

app_name = "experiences"
urlpatterns = [
    path("", views.index, name="index"),
]
