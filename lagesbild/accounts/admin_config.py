"""django.contrib.admin's app config with the audited site (apart: it loads before the models)."""

from django.contrib.admin.apps import AdminConfig


class AuditedAdminConfig(AdminConfig):
    """Installed in place of django.contrib.admin, so `admin.site` is the audited site."""

    default_site = "lagesbild.accounts.admin_site.AuditedAdminSite"
