from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "scheduling"
    verbose_name = "Scheduling"

    def ready(self):
        from consent.signals import consent_withdrawn

        from .signals import cancel_after_withdrawal

        consent_withdrawn.connect(cancel_after_withdrawal, dispatch_uid="scheduling.cancel_after_withdrawal")
