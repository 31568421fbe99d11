from django.contrib import admin, messages
from django.utils import timezone

from advocacy.admin import ProgramAdminOnly

from .models import ConsentForm

# ConsentRecord is not registered: it is case content, and program admins do not read cases.

IN_USE_CONTEXT = {"show_save": False, "show_save_and_continue": False, "show_save_and_add_another": False}


@admin.register(ConsentForm)
class ConsentFormAdmin(ProgramAdminOnly, admin.ModelAdmin):
    """Versions of the consent form. A version in use only offers “Save as new”."""

    save_as = True
    list_display = ("__str__", "title", "published_at", "in_use")
    list_filter = ("language",)
    readonly_fields = ("version", "published_at")
    fieldsets = (
        (None, {"fields": ("language", "version", "published_at", "title")}),
        (
            "Sections",
            {
                "fields": ("service", "recording", "risks", "written_down", "confidentiality", "other_ways"),
                "description": "Plain language, short paragraphs separated by an empty line.",
            },
        ),
    )
    actions = ("publish",)

    @admin.display(boolean=True, description="in use")
    def in_use(self, obj: ConsentForm) -> bool:
        return obj.in_use()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and obj.in_use():
            extra_context = {**(extra_context or {}), **IN_USE_CONTEXT}
            if request.method == "GET":
                messages.info(
                    request,
                    "This version is in use by consent records, so it never changes. "
                    "“Save as new” keeps your edits as a new, unpublished version.",
                )
        return super().change_view(request, object_id, form_url, extra_context)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.in_use())

    @admin.action(description="Publish (survivors see the newest published version of each language)")
    def publish(self, request, queryset):
        published = queryset.filter(published_at=None).update(published_at=timezone.now())
        messages.success(
            request,
            f"{published} version(s) published. Cases that agreed to an older version are asked again.",
        )
