from django.urls import path

from lagesbild.communications import views

app_name = "communications"
urlpatterns = [
    path("", views.index, name="index"),
    path("stab/<slug:slug>/atgarder/ny/", views.action_create, name="action_create"),
    path("atgard/<int:pk>/redigera/", views.action_edit, name="action_edit"),
    path("atgard/<int:pk>/ta-bort/", views.action_delete, name="action_delete"),
    path("stab/<slug:slug>/lanksamlingar/ny/", views.collection_create, name="collection_create"),
    path("lanksamling/<int:pk>/redigera/", views.collection_edit, name="collection_edit"),
]
