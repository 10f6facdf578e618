from collections import defaultdict
from decimal import Decimal

from odoo import fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..lib.period import carried_over, period_index, period_start_of_index
from ..lib.plan import QuotaState
from .service_lock import lock_rows, lock_rows_available
from .service_quota import to_decimal


class ServiceQuota(models.Model):
    """Balances of a quota: per-period totals, the stored current period, locking.

    The ledger (``service.quota.move``) is the truth; every row it books adds
    to the totals of its period (``service.quota.period``) and refreshes the
    stored balances of the current period, under the quota's row lock
    (:func:`lock_rows`). Reading a period's balance costs the same at 100 or
    100,000 ledger rows.
    """

    _inherit = "service.quota"

    def _lock(self):
        """Lock these quota rows until commit (see :func:`lock_rows`)."""
        lock_rows(self)

    def _period_totals(self):
        """{quota id: {period_start: (covered, overage, topup)}}, in one query."""
        result = defaultdict(dict)
        if not self.ids:
            return result
        self.env.cr.execute(
            SQL(
                "SELECT quota_id, period_start, covered, overage, topup "
                "FROM service_quota_period WHERE quota_id IN %s",
                tuple(self.ids),
            )
        )
        for quota_id, start, covered, overage, topup in self.env.cr.fetchall():
            result[quota_id][start] = (covered or 0.0, overage or 0.0, topup or 0.0)
        return result

    def _balances_for(self, day, totals=None):
        """Allowance, used and overage of the period of ``day``."""
        self.ensure_one()
        start, end = self._period_of(day)
        if totals is None:
            totals = self._period_totals()[self.id]
        kind, interval = self._period_spec()
        index = period_index(
            day, self.date_start, self.date_end or None, kind, interval
        )
        starts = [
            period_start_of_index(i, self.date_start, kind, interval)
            for i in range(index)
        ]
        empty = (0.0, 0.0, 0.0)
        used = [to_decimal(totals.get(s, empty)[0]) for s in starts]
        topups = [to_decimal(totals.get(s, empty)[2]) for s in [*starts, start]]
        cap = to_decimal(self.rollover_cap) if self.rollover_cap else None
        allowance = carried_over(to_decimal(self.allowance), cap, used, topups)[-1]
        covered, overage, _topup = totals.get(start, empty)
        return {
            "period_start": start,
            "period_end": end,
            "period_allowance": float(allowance),
            "period_used": covered,
            "period_overage": overage,
        }

    def _recompute_balances(self, day=None, totals=None, locked=False):
        """Rewrite the stored balances of the period holding ``day`` (default today).

        One lock and one query of period totals for all the quotas; ``totals``
        may be given when known (new quotas have none), ``locked`` when the
        caller holds the lock already.
        """
        quotas = self.filtered("date_start")
        if not quotas:
            return
        if not locked:
            quotas._lock()
        if totals is None:
            totals = quotas._period_totals()
        for quota in quotas:
            when = day or fields.Date.context_today(quota)
            when = max(when, quota.date_start)
            if quota.date_end:
                when = min(when, quota.date_end)
            quota.sudo().write(quota._balances_for(when, totals.get(quota.id, {})))

    def _plan_states(self, days):
        """{(quota id, period start): QuotaState} for each (quota, day) in ``days``.

        The stored balances serve the current period; other periods (back-dated
        work) come from the period totals, read once for all the quotas.
        """
        totals = None  # read once, when a back-dated period needs it
        states = {}
        for quota, day in days:
            start = quota._period_of(day)[0]
            if (quota.id, start) in states:
                continue
            if quota.period_start == start:
                balances = {
                    "period_allowance": quota.period_allowance,
                    "period_used": quota.period_used,
                    "period_overage": quota.period_overage,
                }
            else:
                if totals is None:
                    totals = self._period_totals()
                balances = quota._balances_for(day, totals.get(quota.id, {}))
            remaining = to_decimal(balances["period_allowance"]) - to_decimal(
                balances["period_used"]
            )
            states[quota.id, start] = QuotaState(
                max(remaining, Decimal(0)),
                max(to_decimal(balances["period_overage"]), Decimal(0)),
                tuple(quota._lib_tiers()) if quota.has_tiers else (),
            )
        return states

    def _period_sums(self, moves):
        """{(quota id, period start): [covered, overage, topup]} of ``moves``
        (ledger rows, or their values as dicts)."""
        sums = defaultdict(lambda: [0.0, 0.0, 0.0])
        for move in moves:
            quota_id = move["quota_id"]
            total = sums[getattr(quota_id, "id", quota_id), move["period_start"]]
            if move["move_type"] == "topup":
                total[2] += move["quantity"]
            else:
                total[0] += move["quantity"]
                total[1] += move["overage_quantity"]
        return sums

    def _period_upsert(self, sums):
        """The statement adding ``sums`` to the per-period totals."""
        rows = SQL(", ").join(
            SQL(
                "(%s, %s, %s, %s, %s, %s, %s, now() at time zone 'UTC', "
                "now() at time zone 'UTC')",
                quota_id,
                start,
                covered,
                overage,
                topup,
                self.env.uid,
                self.env.uid,
            )
            for (quota_id, start), (covered, overage, topup) in sums.items()
        )
        return SQL(
            """INSERT INTO service_quota_period
                   (quota_id, period_start, covered, overage, topup,
                    create_uid, write_uid, create_date, write_date)
               VALUES %s
               ON CONFLICT (quota_id, period_start) DO UPDATE SET
                   covered = service_quota_period.covered + EXCLUDED.covered,
                   overage = service_quota_period.overage + EXCLUDED.overage,
                   topup = service_quota_period.topup + EXCLUDED.topup,
                   write_date = EXCLUDED.write_date""",
            rows,
        )

    def _balance_moves(self, sums):
        """How the stored balances move by ``sums`` of new ledger rows:
        ``(statements, later)``, run around the statement inserting the rows.

        The one place where balances change, with the per-period upsert
        (:meth:`_period_upsert`). The caller holds the quotas' lock (the
        ledger's booking methods take it). When only the stored current period
        moves and by consumption, its balances move by addition: the new
        values go to the cache now (what depends on them is recomputed as
        after a write) and ``statements`` write them with the ledger rows.
        ``later`` is for :meth:`_book_sums`: top-ups of the current period
        (written by the ORM, which tracks the allowance) and the quotas whose
        stored period is recomputed from the totals.
        """
        per_quota = defaultdict(lambda: ([0.0, 0.0, 0.0], set()))
        for (quota_id, start), values in sums.items():
            total, starts = per_quota[quota_id]
            starts.add(start)
            for index, value in enumerate(values):
                total[index] += value
        quotas = self.browse(list(per_quota))
        today = fields.Date.context_today(self)
        later = {"writes": [], "stale": self.browse()}
        added, used, overages = self.browse(), [], []
        for quota in quotas:
            (covered, overage, topup), starts = per_quota[quota.id]
            current = bool(
                quota.period_start and quota.period_start <= today <= quota.period_end
            )
            if current and not quota.rollover_cap and quota.period_start not in starts:
                # other periods only, and nothing rolls over into this one:
                # its stored balances stay as they are
                continue
            if not (current and starts == {quota.period_start}):
                later["stale"] |= quota
            elif topup:
                later["writes"].append(
                    (
                        quota,
                        {
                            "period_used": quota.period_used + covered,
                            "period_overage": quota.period_overage + overage,
                            "period_allowance": quota.period_allowance + topup,
                        },
                    )
                )
            else:
                added |= quota
                used.append(quota.period_used + covered)
                overages.append(quota.period_overage + overage)
        if not added:
            return [], later
        # (the contracts' balance summary is computed, never stored: billing
        # does not rewrite the contract row)
        statement = _store_now(
            added,
            ("remaining", "remaining_percent", "balance_state"),
            {"period_used": used, "period_overage": overages},
        )
        return [statement] if statement else [], later

    def _book_sums(self, later):
        """After the ledger rows: what :meth:`_balance_moves` left for later."""
        self.env["service.quota.period"].invalidate_model()
        for quota, vals in later["writes"]:
            quota.sudo().write(vals)
        later["stale"]._recompute_balances(locked=True)

    def _top_up(self, quantity, day=None, reason=None):
        """Add ``quantity`` to the allowance of ``day``'s period (a ledger row)."""
        self.ensure_one()
        if quantity <= 0:
            raise ValidationError(
                self.env._(
                    "A top-up must add a positive quantity, not %(q)s.", q=quantity
                )
            )
        day = day or fields.Date.context_today(self)
        if not self._is_valid_on(day):
            raise ValidationError(
                self.env._(
                    "Quota %(quota)s is not valid on %(day)s.",
                    quota=self.name,
                    day=fields.Date.to_string(day),
                )
            )
        return self.env["service.quota.move"]._book_topup(self, quantity, day, reason)

    def _notify_balance(self):
        """E-mail the customer and ask the account manager to offer an extension.

        Once per period and threshold: when the remaining allowance falls to
        the low-balance threshold, and when it is exhausted. In batches: one
        rendering of each template, one note per contract, one activity create.
        """
        due = {"quota_low": self.browse(), "quota_exhausted": self.browse()}
        for quota in self.sudo():
            if not quota.period_allowance or not quota.period_start:
                continue
            if quota.balance_state == "exhausted":
                if quota.notified_exhausted_period != quota.period_start:
                    due["quota_exhausted"] |= quota
            elif quota.balance_state == "low":
                if quota.notified_low_period != quota.period_start:
                    due["quota_low"] |= quota
        quotas = due["quota_low"] | due["quota_exhausted"]
        if not quotas:
            return
        for quota in due["quota_low"]:
            quota.notified_low_period = quota.period_start
            quota.notice_pending = "quota_low"
        for quota in due["quota_exhausted"]:
            quota.notified_exhausted_period = quota.period_start
            quota.notice_pending = "quota_exhausted"
        # The e-mails are rendered by a job triggered now, run after this commit.
        cron = self.env.ref(
            "service_contract_quota.ir_cron_service_quota_notices", False
        )
        if cron:
            cron.sudo()._trigger()
        bodies = defaultdict(list)
        activities = []
        todo = self.env.ref("mail.mail_activity_data_todo")
        contract_model = self.env["ir.model"]._get_id("contract.contract")
        today = fields.Date.context_today(self)
        for quota in quotas:
            remaining = f"{quota.remaining:g}"
            allowance = f"{quota.period_allowance:g}"
            bodies[quota.contract_id.id].append(
                self.env._(
                    "%(quota)s: %(remaining)s left of %(allowance)s; "
                    "the customer was notified.",
                    quota=quota.name,
                    remaining=remaining,
                    allowance=allowance,
                )
            )
            activities.append(
                quota._balance_activity_vals(
                    {
                        "activity_type_id": todo.id,
                        "res_model_id": contract_model,
                        "res_id": quota.contract_id.id,
                        "automated": True,
                        "date_deadline": today,
                        "summary": self.env._("Offer an extension"),
                        "note": self.env._(
                            "%(quota)s of %(customer)s: %(remaining)s left of "
                            "%(allowance)s until %(end)s.",
                            quota=quota.name,
                            customer=quota.partner_id.display_name,
                            remaining=remaining,
                            allowance=allowance,
                            end=fields.Date.to_string(quota.period_end),
                        ),
                        "user_id": (quota.contract_id.user_id or self.env.user).id,
                    }
                )
            )
        quotas.contract_id._message_log_batch(
            {contract: " ".join(texts) for contract, texts in bodies.items()},
            message_type="comment",
        )
        self.env["mail.activity"].sudo().create(activities)

    def _cron_send_notices(self, batch=200):
        """E-mail the customers of the quotas billing marked (low or used up)."""
        pending = self.sudo().search([("notice_pending", "!=", False)], limit=batch)
        # quotas billed meanwhile are left for the next run (which comes at
        # once: the progress below says some remain), not a failed job
        pending = lock_rows_available(pending)
        pending.invalidate_recordset(["notice_pending"])
        for name in ("quota_low", "quota_exhausted"):
            quotas = pending.filtered(lambda q, n=name: q.notice_pending == n)
            template = self.env.ref(
                f"service_contract_quota.mail_template_{name}", False
            )
            if template and quotas:
                # queued mail.mail: sent by the mail queue
                template.send_mail_batch(quotas.ids)
        pending.write({"notice_pending": False})
        remaining = self.sudo().search_count([("notice_pending", "!=", False)])
        self.env["ir.cron"]._notify_progress(done=len(pending), remaining=remaining)

    def _cron_roll_periods(self):
        """Move the stored balances of quotas whose period ended to today's
        period; mark the quotas that started or ended since yesterday."""
        today = fields.Date.context_today(self)
        self._refresh_dated_states(today)
        stale = self.search(
            [
                ("period_end", "<", today),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", today),
            ],
            limit=500,
        )
        stale._recompute_balances(today)
        self.env["ir.cron"]._notify_progress(
            done=len(stale), remaining=0 if len(stale) < 500 else 1
        )


def _store_now(records, names, base=None, flush=True):
    """Compute the stored fields ``names`` of ``records`` now, as the next
    flush would, after setting the columns ``base`` {name: values}; return the
    UPDATE statement storing them all (None when nothing is to store). What
    it stores is left clean in the cache. ``flush``: flush these columns
    first (else the caller did, before marking anything to compute)."""
    base = base or {}
    cache = records.env.cache
    fields_ = [records._fields[name] for name in names]
    if flush:  # nothing of these columns pending: what is dirty below is ours
        records.flush_model([*base, *names, "write_date", "write_uid"])
    for name, values in base.items():
        cache.update(records, records._fields[name], values)
    if base:
        records.modified(list(base))
    for field in fields_:
        field.recompute(records)
    dirty = {field: set(cache.clear_dirty_field(field)) for field in fields_}
    if base:
        mine = records
    else:
        mine = records.filtered(lambda record: record.id in dirty[fields_[0]])
    for field, ids in dirty.items():
        for record in records.browse(ids - set(mine.ids)):  # none: flushed above
            cache.set(record, field, cache.get(record, field), dirty=True)
    if not mine:
        return None
    columns = {"id": mine.ids, **base}
    for field in fields_:
        columns[field.name] = [
            field.convert_to_column(record[field.name], record) for record in mine
        ]
    now = records.env.cr.now()
    cache.update(mine, records._fields["write_date"], [now] * len(mine))
    cache.update(mine, records._fields["write_uid"], [records.env.uid] * len(mine))
    return SQL(
        "UPDATE %s AS t SET %s, write_uid = %s, write_date = %s "
        "FROM unnest(%s) AS v(%s) WHERE t.id = v.id",
        SQL.identifier(records._table),
        SQL(", ").join(
            SQL("%s = v.%s", SQL.identifier(name), SQL.identifier(name))
            for name in columns
            if name != "id"
        ),
        records.env.uid,
        now,
        SQL(", ").join(
            SQL("%s::%s[]", values, SQL(records._fields[name].column_type[0]))
            for name, values in columns.items()
        ),
        SQL(", ").join(SQL.identifier(name) for name in columns),
    )
