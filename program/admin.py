from django.contrib import admin

from advocacy.admin import ProgramAdminOnly

from .models import ProgramSettings


@admin.register(ProgramSettings)
class ProgramSettingsAdmin(ProgramAdminOnly, admin.ModelAdmin):
    fieldsets = (
        ("What survivors see", {"fields": ("name", "phone", "time_zone", "exit_url")}),
        ("Notes", {"fields": ("note_max_length",)}),
        (
            "How long things are kept",
            {
                "fields": (
                    "note_retention_days",
                    "closed_case_retention_days",
                    "call_event_retention_hours",
                    "audit_retention_days",
                ),
                "description": "What the program does not keep cannot be demanded, stolen or misused. "
                "The consent form quotes these periods. The Retention page (/retention/) says what each "
                "one deletes, in plain words, and when the jobs last ran.",
            },
        ),
        ("Reports", {"fields": ("report_threshold",)}),
    )

    def has_add_permission(self, request, *args):
        return super().has_add_permission(request) and not ProgramSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
