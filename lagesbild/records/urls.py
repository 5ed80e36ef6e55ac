from django.urls import path

from lagesbild.records import views

app_name = "records"
urlpatterns = [
    path("", views.index, name="index"),
    path("statistik/", views.statistics, name="statistics"),
    path("utlamnat/", views.released, name="released"),
    path("stab/<slug:slug>/ny/", views.request_create, name="request_create"),
    path("<int:pk>/", views.request_detail, name="request_detail"),
    path("<int:pk>/handlingar/ny/", views.document_add, name="document_add"),
    path("<int:pk>/beslut/", views.request_decide, name="request_decide"),
    path("<int:pk>/komplettering/", views.request_supplement, name="request_supplement"),
    path("<int:pk>/handlaggare/", views.request_assign, name="request_assign"),
    path("<int:pk>/beslut.pdf", views.decision_pdf, name="decision_pdf"),
    path("handling/<int:pk>/provning/", views.document_review, name="document_review"),
    path("handling/<int:pk>/<slug:which>/", views.document_file, name="document_file"),
]
