from django.contrib import admin

from advocacy.admin import ProgramAdminOnly

from .models import PurgeRecord


@admin.register(PurgeRecord)
class PurgeRecordAdmin(ProgramAdminOnly, admin.ModelAdmin):
    """Proof that the retention jobs run: program admins read it, nobody writes it."""

    list_display = ("ran_at", "job", "rows_removed")
    list_filter = ("job",)
    date_hierarchy = "ran_at"

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
