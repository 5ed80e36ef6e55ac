from django.urls import path

from lagesbild.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("lasta/", views.notification_read, name="read"),
    path("installningar/", views.preferences, name="preferences"),
]
