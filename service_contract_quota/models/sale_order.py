from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _action_cancel(self):
        result = super()._action_cancel()
        self._service_reverse_quota()
        return result

    def _service_reverse_quota(self):
        """Give the consumed quota back, once, and release the billed sources."""
        moves = (
            self.env["service.quota.move"]
            .sudo()
            .search(
                [
                    ("sale_order_id", "in", self.ids),
                    ("move_type", "=", "consumption"),
                ]
            )
        )
        reversed_ids = set(
            self.env["service.quota.move"]
            .sudo()
            .search([("reversed_move_id", "in", moves.ids)])
            .mapped("reversed_move_id")
            .ids
        )
        moves = moves.filtered(lambda move: move.id not in reversed_ids)
        moves.quota_id._lock()
        self.env["service.quota.move"].sudo().create(
            [
                {
                    "name": self.env._("Reversal: %(name)s", name=move.name),
                    "quota_id": move.quota_id.id,
                    "date": move.date,
                    "period_start": move.period_start,
                    "move_type": "reversal",
                    "quantity": -move.quantity,
                    "overage_quantity": -move.overage_quantity,
                    "source_model": move.source_model,
                    "source_id": move.source_id,
                    "sale_line_id": move.sale_line_id.id,
                    "reversed_move_id": move.id,
                }
                for move in moves
            ]
        )
        moves.quota_id._recompute_balances()
        self.env["service.billed.source"].sudo()._release(self.order_line)
