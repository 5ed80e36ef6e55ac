from django.urls import path

from lagesbild.communications import faq_views, press_views, views

app_name = "communications"
urlpatterns = [
    path("", views.index, name="index"),
    path("stab/<slug:slug>/atgarder/ny/", views.action_create, name="action_create"),
    path("atgard/<int:pk>/redigera/", views.action_edit, name="action_edit"),
    path("atgard/<int:pk>/ta-bort/", views.action_delete, name="action_delete"),
    path("stab/<slug:slug>/lanksamlingar/ny/", views.collection_create, name="collection_create"),
    path("lanksamling/<int:pk>/redigera/", views.collection_edit, name="collection_edit"),
    path("press/", press_views.press, name="press"),
    path("stab/<slug:slug>/press/ny/", press_views.inquiry_create, name="inquiry_create"),
    path("press/<int:pk>/", press_views.inquiry_edit, name="inquiry_edit"),
    path("stab/<slug:slug>/medier/ny/", press_views.coverage_create, name="coverage_create"),
    path("medier/<int:pk>/", press_views.coverage_edit, name="coverage_edit"),
    path("stab/<slug:slug>/medier/vecka/", press_views.coverage_week, name="coverage_week"),
    path("fragor-och-svar/", faq_views.faq_manage, name="faq_manage"),
    path("stab/<slug:slug>/fragor-och-svar/ny/", faq_views.faq_create, name="faq_create"),
    path("fragor-och-svar/<int:pk>/", faq_views.faq_edit, name="faq_edit"),
    path("fragor-och-svar/<int:pk>/granskad/", faq_views.faq_reviewed, name="faq_reviewed"),
    # Public: the FAQ is published material for every employee, no login.
    path("stab/<slug:slug>/fragor-och-svar/", faq_views.faq_public, name="faq_public"),
    path("stab/<slug:slug>/fragor-och-svar/flode/", faq_views.FaqFeed(), name="faq_feed"),
]
