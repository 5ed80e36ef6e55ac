from django.urls import path

from lagesbild.distribution.views import deliveries, lists, mailbox, publishing

app_name = "distribution"
urlpatterns = [
    path("", lists.index, name="index"),
    path("listor/ny/", lists.list_create, name="list_create"),
    path("listor/<int:pk>/", lists.list_detail, name="list_detail"),
    path("listor/<int:pk>/import/", lists.list_import, name="list_import"),
    path("mottagare/<int:pk>/ta-bort/", lists.recipient_remove, name="recipient_remove"),
    path("serier/<int:pk>/", lists.series_settings, name="series_settings"),
    path("rapporter/<int:pk>/", deliveries.report_deliveries, name="report_deliveries"),
    path("rapporter/<int:pk>/skicka/", deliveries.report_send, name="report_send"),
    path("rapporter/<int:pk>/skicka-igen/", deliveries.report_resend, name="report_resend"),
    path(
        "rapporter/<int:pk>/markera-skickade/", deliveries.report_mark_sent, name="report_mark_sent"
    ),
    path("rapporter/<int:pk>/pdf/", deliveries.report_pdf, name="report_pdf"),
    path("brevlada/", mailbox.mailbox, name="mailbox"),
    path(
        "rapporter/<int:pk>/publicera/",
        publishing.report_publish_confirm,
        name="report_publish_confirm",
    ),
    path(
        "rapporter/<int:pk>/lage/", publishing.report_delivery_counts, name="report_delivery_counts"
    ),
    path("utskick/<int:pk>/ratta/", publishing.delivery_correct, name="delivery_correct"),
    path("mottagare/<int:pk>/andra/", publishing.recipient_edit, name="recipient_edit"),
    path("brevlada/<str:key>/", mailbox.mailbox_message, name="mailbox_message"),
]
