from odoo import api, fields, models
from odoo.osv import expression


class ServiceQuota(models.Model):
    """The dated part of a quota's balance state: not started, expired.

    ``balance_state`` is stored (lists filter and group by it) but depends on
    today's date: the daily job (:meth:`_cron_roll_periods`) refreshes the
    quotas whose start or end passed since it was computed.
    """

    _inherit = "service.quota"

    def _validity_bounds(self):
        """(first day, last day or None) the quota covers work: its own dates
        within its contract's."""
        self.ensure_one()
        contract = self.contract_id
        starts = [d for d in (self.date_start, contract.date_start) if d]
        ends = [d for d in (self.date_end, contract.date_end) if d]
        return (max(starts) if starts else None, min(ends) if ends else None)

    def _dated_state(self, today):
        """The dated state on ``today``: "not_started", "expired" or None."""
        start, end = self._validity_bounds()
        if end and end < today:
            return "expired"
        if start and start > today:
            return "not_started"
        return None

    @api.model
    def _refresh_dated_states(self, today=None):
        """Recompute the state of the quotas whose start or end passed: those
        not marked expired that ended, those marked not started (their own
        dates or their contract's). Returns them."""
        today = today or fields.Date.context_today(self)
        ended = [
            ("balance_state", "!=", "expired"),
            "|",
            ("date_end", "<", today),
            ("contract_id.date_end", "<", today),
        ]
        started = [("balance_state", "=", "not_started")]
        quotas = (
            self.sudo()
            .with_context(active_test=False)
            .search(expression.OR([ended, started]))
        )
        if quotas:
            self.env.add_to_compute(self._fields["balance_state"], quotas)
            quotas.flush_recordset(["balance_state"])
            # The date moved, not a field: tell the contracts' states too.
            quotas.modified(["balance_state"])
            quotas.contract_id.flush_recordset()
        return quotas
