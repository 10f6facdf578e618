from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tools import SQL

LOCK = (
    "UPDATE %s SET write_date = (now() at time zone 'UTC') WHERE id IN "
    "(SELECT id FROM %s WHERE id IN %s ORDER BY id FOR NO KEY UPDATE{})"
)


def lock_rows(records):
    """Serialise concurrent writers of ``records``: lock the rows, then rewrite them.

    Odoo runs every transaction in REPEATABLE READ, whose snapshot is taken at
    the transaction's first statement, long before the business code runs. A
    row lock alone (``SELECT ... FOR UPDATE``) makes a second transaction wait,
    but once the first commits the second still reads its old snapshot: a
    balance summed afterwards misses the first one's consumption and a quota
    is overdrawn (RELIABILITY.md, a.1: 20 x 10 min covered 200 min of 30).

    So the lock is followed by an UPDATE of the same rows. A transaction that
    waited for a concurrent writer which then committed fails that UPDATE with
    a serialization error (in fact already the lock does, as the row changed
    after its snapshot), and Odoo's retry of the request runs it again on fresh
    data. Rows are locked in id order, so two writers never deadlock.

    Used by quotas (consumption, top-up, reversal) and by every billable
    record whose clock or billing must not run twice at once.
    """
    if not records.ids:
        return
    _lock(records)


def _lock(records, nowait=False):
    table = SQL.identifier(records._table)
    # One statement: the subquery locks the rows in id order, the UPDATE
    # rewrites them. Its serialization error is expected under contention
    # and the request is retried: not logged as an error (Odoo's retry
    # logs it at INFO).
    records.env.cr.execute(
        SQL(
            LOCK.format(" NOWAIT" if nowait else ""),
            table,
            table,
            tuple(sorted(records.ids)),
        ),
        log_exceptions=False,
    )
    records.invalidate_recordset(["write_date"])


def lock_rows_available(records):
    """For batch jobs: lock and rewrite (as ``lock_rows``) each of
    ``records`` that no one holds and no one changed since this
    transaction's snapshot; return those. The others are left for the
    job's next run, instead of failing the whole batch on one busy row."""
    locked = records.browse()
    for record in records.sorted("id"):
        try:
            with records.env.cr.savepoint(flush=False):
                _lock(record, nowait=True)
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
            continue
        locked |= record
    return locked
