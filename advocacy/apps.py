from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class AdvocacyConfig(AppConfig):
    name = "advocacy"

    def ready(self):
        from . import checks  # noqa: F401  (registers system checks)


class AdvocacyAdminConfig(AdminConfig):
    # Django admin only through the two-factor admin site.
    default_site = "advocacy.admin.ProgramAdminSite"
