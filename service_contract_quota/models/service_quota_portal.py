from odoo import models


class ServiceQuota(models.Model):
    """What the customer's portal shows of a quota."""

    _inherit = "service.quota"

    def _portal_allowance(self):
        """The current period's allowance, explained: {allowance, rolled_over,
        topup, available, used, overage, remaining} in the quota's unit, and
        the dates the quota covers work (valid_from, valid_until).

        ``available`` is the allowance plus what rolled over from the previous
        period plus this period's top-ups (600 + 120 rolled over = 720).
        """
        self.ensure_one()
        quota = self.sudo()
        topup = sum(
            quota.period_total_ids.filtered(
                lambda total: total.period_start == quota.period_start
            ).mapped("topup")
        )
        available = quota.period_allowance
        valid_from, valid_until = quota._validity_bounds()
        return {
            "valid_from": valid_from,
            "valid_until": valid_until,
            "allowance": quota.allowance,
            "rolled_over": max(available - quota.allowance - topup, 0.0),
            "topup": topup,
            "available": available,
            "used": quota.period_used,
            "overage": quota.period_overage,
            "remaining": quota.remaining,
        }

    def _portal_moves(self, limit=200):
        """The ledger rows the customer sees, newest first: consumptions still
        billed and top-ups. Work whose order was cancelled or deleted was
        given back (a reversal row): neither it nor its reversal shows as used.
        """
        self.ensure_one()
        ledger = self.env["service.quota.move"]
        reversals = ledger.sudo().search(
            [("quota_id", "=", self.id), ("move_type", "=", "reversal")]
        )
        return ledger.search(
            [
                ("quota_id", "=", self.id),
                ("move_type", "!=", "reversal"),
                ("id", "not in", reversals.reversed_move_id.ids),
            ],
            limit=limit,
        )
