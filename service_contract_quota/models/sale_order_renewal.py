from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from .service_lock import lock_rows
from .service_quota_renewal import MANAGER

# Set only by Renew (a service manager); the booked line is frozen.
TOPUP_FIELDS = {"service_topup_quota_id", "service_topup_package_qty"}
FROZEN_FIELDS = {"product_id", "product_uom", "product_uom_qty"}


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    service_topup_quota_id = fields.Many2one(
        "service.quota",
        string="Tops up quota",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
        help="Confirming the order adds this line's quantity to the quota, once.",
    )
    service_topup_package_qty = fields.Float(
        string="Quota per package",
        readonly=True,
        copy=False,
        digits="Product Unit of Measure",
        help="For a package product: quota units added per package sold.",
    )

    def _check_topup_vals(self, vals):
        if TOPUP_FIELDS & set(vals) and not self.env.su:
            if not self.env.user.has_group(MANAGER):
                raise AccessError(
                    self.env._("Only service managers sell a quota top-up.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_topup_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_topup_vals(vals)
        if (TOPUP_FIELDS | FROZEN_FIELDS) & set(vals):
            booked = self.filtered(lambda line: line._service_topup_move())
            if booked:
                raise UserError(
                    self.env._(
                        "%(line)s topped up its quota already: it cannot change.",
                        line=booked[0].display_name,
                    )
                )
        return super().write(vals)

    def _service_topup_move(self):
        self.ensure_one()
        return (
            self.env["service.quota.move"]
            .sudo()
            .search(
                [("sale_line_id", "=", self.id), ("move_type", "=", "topup")], limit=1
            )
        )

    def _service_topup_quantity(self):
        """Quota units this line adds (in the quota's unit)."""
        self.ensure_one()
        quota = self.service_topup_quota_id
        if quota._renewal_sold_by_quantity(self.product_uom):
            return self.product_uom._compute_quantity(
                self.product_uom_qty, quota._unit_uom(), round=False
            )
        return self.product_uom_qty * self.service_topup_package_qty

    def _service_book_topup(self):
        """Book the top-up of these confirmed lines, each at most once.

        The line's row is locked first (a racing confirmation waits, then
        retries on fresh data and finds the row booked); the database refuses a
        second top-up row of one line in any case (unique index).
        """
        lines = self.filtered("service_topup_quota_id").sudo()
        if not lines:
            return self.env["service.quota.move"]
        lock_rows(lines)
        done = (
            self.env["service.quota.move"]
            .sudo()
            .search([("sale_line_id", "in", lines.ids), ("move_type", "=", "topup")])
        )
        moves = self.env["service.quota.move"]
        for line in lines - done.sale_line_id:
            quantity = line._service_topup_quantity()
            if quantity <= 0:
                continue
            quota = line.service_topup_quota_id
            day = fields.Date.context_today(line)
            if not quota._is_valid_on(day):
                raise UserError(
                    self.env._(
                        "Quota %(quota)s is not valid today: %(order)s cannot top "
                        "it up. Remove the top-up line or extend the quota.",
                        quota=quota.name,
                        order=line.order_id.name,
                    )
                )
            moves |= moves._book_topup_line(line, quantity, day)
            shown = f"{quantity:g}"  # babel evaluates f-strings inside _()
            quota.contract_id.message_post(
                body=self.env._(
                    "%(quota)s topped up by %(quantity)s %(unit)s (%(order)s "
                    "confirmed).",
                    quota=quota.name,
                    quantity=shown,
                    unit=quota.unit_label,
                    order=line.order_id.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return moves


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _action_confirm(self):
        result = super()._action_confirm()
        self.order_line._service_book_topup()
        return result

    def _action_cancel(self):
        """A confirmed renewal stays: its top-up is on the ledger and may be
        used already. Correct the quota instead (its Top up button)."""
        booked = self.order_line.filtered(
            lambda line: line.service_topup_quota_id and line._service_topup_move()
        )
        if booked:
            raise UserError(
                self.env._(
                    "%(order)s topped up quota %(quota)s: it cannot be cancelled. "
                    "Issue a credit note if needed; the quota keeps the top-up.",
                    order=booked[0].order_id.name,
                    quota=booked[0].service_topup_quota_id.name,
                )
            )
        return super()._action_cancel()


class ServiceQuotaMove(models.Model):
    _inherit = "service.quota.move"

    def init(self):
        result = super().init()
        # One top-up row per sale line, whoever and however often confirms.
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS service_quota_move_topup_line_uniq "
                "ON service_quota_move (sale_line_id) "
                "WHERE move_type = 'topup' AND sale_line_id IS NOT NULL"
            )
        )
        return result

    def _book_topup_line(self, line, quantity, day):
        """Book the top-up a confirmed renewal ``line`` sold (see ``_book_topup``)."""
        quota = line.service_topup_quota_id
        quota._lock()
        name = self.env._("Renewal %(order)s", order=line.order_id.name)
        return self._book(
            [
                {
                    "name": name,
                    "quota_id": quota.id,
                    "date": day,
                    "period_start": quota._period_of(day)[0],
                    "move_type": "topup",
                    "quantity": quantity,
                    "sale_line_id": line.id,
                    "source_model": "sale.order",
                    "source_id": line.order_id.id,
                    "reason": name,
                }
            ]
        )
