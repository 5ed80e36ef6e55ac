from django.urls import path

from lagesbild.staff import views

app_name = "staff"
urlpatterns = [
    path("", views.index, name="index"),
    path("ny/", views.staff_create, name="staff_create"),
    path("medlem/<int:pk>/redigera/", views.member_edit, name="member_edit"),
    path("medlem/<int:pk>/ta-bort/", views.member_delete, name="member_delete"),
    path("talesperson/<int:pk>/redigera/", views.spokesperson_edit, name="spokesperson_edit"),
    path("talesperson/<int:pk>/ta-bort/", views.spokesperson_delete, name="spokesperson_delete"),
    path("<slug:slug>/", views.staff_detail, name="staff_detail"),
    path("<slug:slug>/redigera/", views.staff_edit, name="staff_edit"),
    path("<slug:slug>/medlemmar/ny/", views.member_create, name="member_create"),
    path("<slug:slug>/talespersoner/ny/", views.spokesperson_create, name="spokesperson_create"),
]
