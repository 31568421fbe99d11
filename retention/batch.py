"""Deleting many rows without holding a lock for long.

A plain `QuerySet.delete()` loads every row first when the model has
cascades or signals, and deletes all of them in one transaction: one long
lock, and the whole table's worth of memory. Here the rows go one range of
primary keys at a time, each range in its own short transaction.
"""

from collections.abc import Callable, Iterator
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

# Rows of the table per range (so at most per transaction). bench/purge.py,
# PostgreSQL 15 on 2 cores, the call-log purge over 200,000 events: 5,000 a
# range deleted 818,000-885,000 rows/s (median transaction 4.5 ms); 10,000:
# 835,000-1,008,000/s (9 ms); 20,000: 1,088,000-1,142,000/s (16 ms). Past
# 10,000 the lock grows faster than the throughput. Over 1,000,000 events:
# 1.1 s, no transaction over 14 ms, where one raw DELETE took 0.5 s holding
# every row's lock throughout (docs/retention.md).
BATCH_SIZE = 10_000


def pk_ranges(queryset: QuerySet, batch_size: int = BATCH_SIZE) -> Iterator[tuple[Any, Any]]:
    """Ranges `low < pk <= high` of `batch_size` keys of the table each, in order, covering the rows of `queryset`.

    `low` is None only for a first range that starts at the table's first key.
    Each `high` is read as the key `batch_size` rows on (an index-only scan),
    when the range before it is done: no key list travels to Python and back,
    and no range steps over the rows the previous ones deleted.
    """
    matching = queryset.order_by("pk").values_list("pk", flat=True)
    first, last = matching.first(), matching.reverse().first()
    if first is None:
        return
    keys = queryset.model._base_manager.order_by("pk").values_list("pk", flat=True)
    low = keys.filter(pk__lt=first).reverse().first()  # `pk > low` starts at `first`
    while True:
        high = (keys if low is None else keys.filter(pk__gt=low))[batch_size - 1 : batch_size].first()
        high = last if high is None or high > last else high
        yield low, high
        if high == last:
            return
        low = high


def in_range(queryset: QuerySet, low: Any, high: Any) -> QuerySet:
    """The rows of `queryset` in the range `low < pk <= high` (no lower bound when `low` is None)."""
    rows = queryset.filter(pk__lte=high)
    return rows if low is None else rows.filter(pk__gt=low)


def delete_in_batches(
    queryset: QuerySet, batch_size: int = BATCH_SIZE, delete_range: Callable[[Any, Any], int] | None = None
) -> int:
    """Deletes the rows of `queryset`, one range of `batch_size` primary keys per transaction; returns how many.

    Each range goes in one `DELETE … WHERE pk > low AND pk <= high AND
    <filter>` (see pk_ranges). Keep the filter on the table's own columns: a
    join makes Django delete `pk IN (SELECT …)`, and a condition on another
    table (Exists) costs an index probe a row, or a hash of that whole table a
    range when PostgreSQL's estimates say so. `delete_range(low, high)` can
    instead delete a range's rows itself (inside its transaction) and return
    how many, e.g. with a statement written for it.

    A second worker on the same rows waits for the first one's range to
    commit, then finds them gone: nothing is deleted twice.
    """
    if delete_range is None:
        def delete_range(low: Any, high: Any) -> int:
            return in_range(queryset, low, high).delete()[0]

    deleted = 0
    for low, high in pk_ranges(queryset, batch_size):
        with transaction.atomic():
            deleted += delete_range(low, high)
    return deleted


def pk_chunks(queryset: QuerySet, size: int) -> Iterator[list]:
    """The primary keys of `queryset` in ascending chunks of `size`: one pass over the table, however many chunks."""
    last = None
    while True:
        page = queryset.order_by("pk") if last is None else queryset.filter(pk__gt=last).order_by("pk")
        chunk = list(page.values_list("pk", flat=True)[:size])
        if not chunk:
            return
        yield chunk
        last = chunk[-1]
