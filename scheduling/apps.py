from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "scheduling"
    verbose_name = "Scheduling"

    def ready(self):
        from consent.signals import consent_withdrawn

        from .signals import cancel_after_withdrawal

        consent_withdrawn.connect(cancel_after_withdrawal, dispatch_uid="scheduling.cancel_after_withdrawal")

        from django.db.models.signals import post_delete, post_save

        from program.models import ProgramSettings

        from staff.models import User

        from .models import ContactException, ContactHours, ServiceHours
        from .signals import forget_contact_ranges, forget_service_hours

        for signal in (post_save, post_delete):
            for sender in (ServiceHours, ProgramSettings):  # the program's zone is part of the line
                signal.connect(forget_service_hours, sender=sender, dispatch_uid=f"hours.{sender.__name__}.{id(signal)}")
            for sender in (ContactHours, ContactException, User):  # the advocate's zone is part of the ranges
                signal.connect(
                    forget_contact_ranges, sender=sender, dispatch_uid=f"ranges.{sender.__name__}.{id(signal)}"
                )

        from cases.extensions import CASE_PANELS, EXPORT_SECTIONS

        from .case_parts import appointments_export, appointments_panel

        if appointments_panel not in CASE_PANELS:
            CASE_PANELS.append(appointments_panel)
            EXPORT_SECTIONS.append(appointments_export)
