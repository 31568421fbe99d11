"""Model fields that keep their text encrypted at rest (Fernet, keys from FIELD_ENCRYPTION_KEYS).

A court order on a database dump, or a stolen backup, yields ciphertext: the
keys live in the environment, not in the database. Keys are listed newest
first; the newest encrypts, every listed key decrypts, and
`manage.py rotate_encryption_keys` moves every value to the newest key.
"""

from collections.abc import Iterator
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models.functions import Cast


@cache
def _fernet_for(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])


def fernet() -> MultiFernet:
    return _fernet_for(tuple(settings.FIELD_ENCRYPTION_KEYS))


def newest_fernet() -> Fernet:
    return Fernet(settings.FIELD_ENCRYPTION_KEYS[0])


class UndecryptableValue(Exception):
    """A stored value that no configured key opens (a key was dropped too early)."""


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token; plain text only in Python.

    Each save encrypts with a fresh random IV, so equal texts never look equal
    in the database. That is also why the field cannot be searched or sorted
    by the database: only `isnull` lookups are offered; sort in Python.
    """

    description = "Text, encrypted at rest"

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return None
        return fernet().encrypt(str(value).encode()).decode()

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        try:
            return fernet().decrypt(value.encode()).decode()
        except InvalidToken:
            # Names the field, never the value.
            raise UndecryptableValue(
                f"{self.model._meta.label}.{self.name} holds a value no key in FIELD_ENCRYPTION_KEYS opens"
            ) from None

    def get_lookup(self, lookup_name):
        # An `exact` lookup would encrypt the search term with a new IV and
        # silently match nothing; refusing it makes the mistake loud.
        if lookup_name != "isnull":
            return None
        return super().get_lookup(lookup_name)


def encrypted_fields(model) -> list[EncryptedTextField]:
    return [field for field in model._meta.concrete_fields if isinstance(field, EncryptedTextField)]


def models_with_encrypted_fields() -> Iterator[type[models.Model]]:
    for model in apps.get_models():
        if encrypted_fields(model):
            yield model


def _raw_batch(model, names: list[str], after, batch_size: int) -> list[tuple]:
    """(pk, token, token, ...) rows in primary-key order, locked; Cast skips decryption."""
    raw = {f"_raw_{name}": Cast(name, models.TextField()) for name in names}
    rows = model._base_manager.select_for_update().order_by("pk").annotate(**raw)
    if after is not None:
        rows = rows.filter(pk__gt=after)
    return list(rows.values_list("pk", *raw)[:batch_size])


def _is_current(token: str, newest: Fernet) -> bool:
    try:
        newest.decrypt(token.encode())
    except InvalidToken:
        return False
    return True


def rotate_model(model, batch_size: int = 500) -> tuple[int, int]:
    """Re-encrypts every value of `model` that is not under the newest key.

    Returns (rows re-encrypted, rows already current). Running it twice
    changes nothing the second time. 500 rows a batch keeps each
    transaction, and the row locks that stop an edit from being overwritten
    by its old value, short (one Fernet decrypt per value to test it, a
    rotate only where needed).
    """
    names = [field.name for field in encrypted_fields(model)]
    multi, newest = fernet(), newest_fernet()
    rotated = current = 0
    last = None
    while True:
        with transaction.atomic():
            batch = _raw_batch(model, names, last, batch_size)
            for pk, *tokens in batch:
                changes = {
                    name: models.Value(multi.rotate(token.encode()).decode(), output_field=models.TextField())
                    for name, token in zip(names, tokens, strict=True)
                    if token is not None and not _is_current(token, newest)
                }
                if changes:
                    # A Value with a plain TextField output is written as is: the
                    # token is already encrypted and must not be encrypted again.
                    model._base_manager.filter(pk=pk).update(**changes)
                    rotated += 1
                else:
                    current += 1
        if not batch:
            return rotated, current
        last = batch[-1][0]
