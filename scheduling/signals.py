from .services import cancel_future


def cancel_after_withdrawal(sender, case, **kwargs):
    """Invariant 7: withdrawn consent cancels future appointments and revokes their codes."""
    cancel_future(case)


def forget_service_hours(sender, **kwargs):
    """The cached line of service hours is stale once the hours change (or the program's zone: program/models.py)."""
    from django.core.cache import cache

    from .services import SERVICE_HOURS_KEY

    cache.delete(SERVICE_HOURS_KEY)
