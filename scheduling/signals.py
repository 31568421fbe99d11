from .services import cancel_future


def cancel_after_withdrawal(sender, case, **kwargs):
    """Invariant 7: withdrawn consent cancels future appointments and revokes their codes."""
    cancel_future(case)
