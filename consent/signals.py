"""Signals other apps connect to.

consent_withdrawn(sender=ConsentRecord, case=<Case>, by=<User or None>) is sent
inside withdraw()'s transaction: receivers (scheduling) cancel the case's
future appointments and revoke their codes in the same transaction, so a
withdrawal never half-happens. Queue slow work with transaction.on_commit.
"""

from django.dispatch import Signal

consent_withdrawn = Signal()
