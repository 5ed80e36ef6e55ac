from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from lagesbild.journal.views.today import start_page

urlpatterns = [
    path("", start_page, name="home"),
    path("konto/", include("lagesbild.accounts.urls")),
    path("stab/", include("lagesbild.staff.urls")),
    path("kommunikation/", include("lagesbild.communications.urls")),
    path("rapporter/", include("lagesbild.reports.urls")),
    path("utskick/", include("lagesbild.distribution.urls")),
    path("erfarenheter/", include("lagesbild.experiences.urls")),
    path("notiser/", include("lagesbild.notifications.urls")),
    path("analys/", include("lagesbild.themes.urls")),
    path("beslutsunderlag/", include("lagesbild.decisions.urls")),
    path("lardomar/", include("lagesbild.lessons.urls")),
    path("diarium/", include("lagesbild.records.urls")),
    path("stabsarbete/", include("lagesbild.journal.urls")),
    path("sok/", include("lagesbild.search.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
