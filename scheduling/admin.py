from django.contrib import admin

from advocacy.admin import ProgramAdminOnly

from .models import MessageTemplate, PLACEHOLDERS, ServiceHours


@admin.register(ServiceHours)
class ServiceHoursAdmin(ProgramAdminOnly, admin.ModelAdmin):
    list_display = ("weekday", "start", "end")
    list_editable = ("start", "end")
    list_display_links = ("weekday",)


@admin.register(MessageTemplate)
class MessageTemplateAdmin(ProgramAdminOnly, admin.ModelAdmin):
    list_display = ("channel", "subject")
    fieldsets = (
        (
            None,
            {
                "fields": ("channel", "subject", "body"),
                "description": "Placeholders: "
                + ", ".join("{" + name + "}" for name in PLACEHOLDERS)
                + ". Keep it discreet: the message may be read on a watched phone, so name neither the "
                "program nor what it does unless you are sure that is safe.",
            },
        ),
    )
