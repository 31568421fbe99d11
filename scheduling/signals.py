from django.core.cache import cache

from .services import CONTACT_RANGES_KEY, SERVICE_HOURS_KEY, cancel_future


def cancel_after_withdrawal(sender, case, **kwargs):
    """Invariant 7: withdrawn consent cancels future appointments and revokes their codes."""
    cancel_future(case)


def forget_service_hours(sender, **kwargs):
    """The cached line of service hours is stale once the hours change (or the program's zone: program/models.py)."""
    cache.delete(SERVICE_HOURS_KEY)


def forget_contact_ranges(sender, instance, **kwargs):
    """An advocate's cached contact hours of the day are stale once their hours, exceptions or zone change."""
    cache.delete(CONTACT_RANGES_KEY.format(getattr(instance, "advocate_id", instance.pk)))
