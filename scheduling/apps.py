from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "scheduling"
    verbose_name = "Scheduling"

    def ready(self):
        from consent.signals import consent_withdrawn

        from .signals import cancel_after_withdrawal

        consent_withdrawn.connect(cancel_after_withdrawal, dispatch_uid="scheduling.cancel_after_withdrawal")

        from cases.extensions import CASE_PANELS, EXPORT_SECTIONS

        from .case_parts import appointments_export, appointments_panel

        if appointments_panel not in CASE_PANELS:
            CASE_PANELS.append(appointments_panel)
            EXPORT_SECTIONS.append(appointments_export)
