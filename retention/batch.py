"""Deleting many rows without holding a lock for long.

A plain `QuerySet.delete()` loads every row first when the model has
cascades or signals, and deletes all of them in one transaction: one long
lock, and the whole table's worth of memory. Here the rows go one range of
primary keys at a time, each range in its own short transaction.
"""

from collections.abc import Callable, Iterator

from django.db import transaction
from django.db.models import QuerySet

# Rows of the table per range (so at most per transaction). bench/purge.py,
# PostgreSQL 15 on the same 2 cores, 200,000 call events: 5,000 a range deleted
# 128,000 rows/s (median transaction 14 ms); 10,000: 187,000/s (18 ms);
# 20,000: 193,000/s (38 ms). Throughput stops growing at 10,000, the lock does
# not. Over 1,000,000 events: 4.0 s, no transaction over 52 ms, where one raw
# DELETE took 0.8 s holding every row's lock throughout (docs/retention.md).
BATCH_SIZE = 10_000


def delete_in_batches(
    queryset: QuerySet, batch_size: int = BATCH_SIZE, narrow: Callable[[QuerySet], QuerySet] | None = None
) -> int:
    """Deletes the rows of `queryset`, one range of `batch_size` primary keys per transaction; returns how many.

    Each range is bounded by reading the key `batch_size` rows on (an
    index-only scan), then `DELETE … WHERE pk > low AND pk <= high AND <filter>`:
    no key list travels to Python and back, and no batch steps over the rows
    the previous ones deleted. Keep the filter on the table's own columns: a
    join makes Django delete `pk IN (SELECT …)`, and a condition on another
    table (Exists) costs an index probe a row, or a hash of that whole table a
    batch when PostgreSQL's estimates say so. `narrow(rows)` can instead
    restrict each range's rows by what it reads once per range (outside the
    transaction), e.g. an id list.

    A second worker on the same rows waits for the first one's batch to
    commit, then finds them gone: nothing is deleted twice.
    """
    matching = queryset.order_by("pk").values_list("pk", flat=True)
    first, last = matching.first(), matching.reverse().first()
    if first is None:
        return 0
    keys = queryset.model._base_manager.order_by("pk").values_list("pk", flat=True)
    deleted, low = 0, None
    while True:
        after = {"pk__gte": first} if low is None else {"pk__gt": low}
        high = keys.filter(**after)[batch_size - 1 : batch_size].first()
        high = last if high is None or high > last else high
        rows = queryset.filter(**after, pk__lte=high)
        rows = narrow(rows) if narrow else rows
        with transaction.atomic():
            deleted += rows.delete()[0]
        if high == last:
            return deleted
        low = high


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
