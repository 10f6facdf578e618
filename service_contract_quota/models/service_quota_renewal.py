from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_is_zero

MANAGER = "service_contract_quota.group_service_manager"
RENEW_ACTION = "service_contract_quota.service_quota_renew_server_action"


class ServiceQuota(models.Model):
    """Renewal in one click: a quotation for a top-up of the quota.

    The top-up product, quantity (in the quota's unit) and price are set on
    the quota. *Renew* creates a draft quotation to the customer with one
    top-up line linked to the quota; confirming it (or the customer signing
    it on the portal) books the top-up once through the ledger
    (``sale.order.line._service_book_topup``).
    """

    _inherit = "service.quota"

    renewal_product_id = fields.Many2one(
        "product.product",
        string="Top-up product",
        compute="_compute_renewal_product_id",
        store=True,
        readonly=False,
        check_company=True,
        domain=[("type", "=", "service"), ("sale_ok", "=", True)],
        tracking=True,
        help="Sold by Renew. Sold in a unit that converts to the quota's (minutes, "
        "hours, units): the quotation sells the quantity itself; any other "
        "product is a package: one package adds the quantity below. Defaults to "
        "the first covered service.",
    )
    renewal_quantity = fields.Float(
        string="Top-up quantity",
        compute="_compute_renewal_quantity",
        store=True,
        readonly=False,
        digits="Product Unit of Measure",
        tracking=True,
        help="Added to the current period when the renewal is confirmed, in the "
        "quota's unit. Defaults to one period's allowance.",
    )
    renewal_price = fields.Monetary(
        string="Top-up price",
        compute="_compute_renewal_price",
        store=True,
        readonly=False,
        currency_field="currency_id",
        tracking=True,
        help="Price of the whole top-up, without taxes. Defaults to the product's "
        "sales price for the quantity.",
    )
    renewal_line_ids = fields.One2many(
        "sale.order.line", "service_topup_quota_id", string="Renewals", readonly=True
    )
    renewal_count = fields.Integer(compute="_compute_renewal_count")

    @api.depends("product_ids")
    def _compute_renewal_product_id(self):
        for quota in self:
            if not quota.renewal_product_id:
                quota.renewal_product_id = quota.product_ids.filtered("sale_ok")[:1]

    @api.depends("allowance")
    def _compute_renewal_quantity(self):
        for quota in self:
            if not quota.renewal_quantity:
                quota.renewal_quantity = quota.allowance

    @api.depends("renewal_product_id", "renewal_quantity")
    def _compute_renewal_price(self):
        for quota in self:
            product = quota.renewal_product_id
            if not product:
                quota.renewal_price = 0.0
            elif quota._renewal_sold_by_quantity():
                quota.renewal_price = product.uom_id._compute_price(
                    product.lst_price, quota._unit_uom()
                ) * (quota.renewal_quantity or 0.0)
            else:
                quota.renewal_price = product.lst_price

    def _compute_renewal_count(self):
        for quota in self:
            quota.renewal_count = len(quota.renewal_line_ids.order_id)

    @api.constrains("renewal_product_id", "renewal_quantity", "renewal_price")
    def _check_renewal(self):
        for quota in self:
            if quota.renewal_quantity < 0 or quota.renewal_price < 0:
                raise ValidationError(
                    self.env._(
                        "Quota %(quota)s: the top-up quantity and price cannot be "
                        "negative.",
                        quota=quota.name,
                    )
                )
            product = quota.renewal_product_id
            if product and product.type != "service":
                raise ValidationError(
                    self.env._(
                        "Quota %(quota)s: the top-up product %(product)s must be a "
                        "service.",
                        quota=quota.name,
                        product=product.display_name,
                    )
                )

    # ------------------------------------------------------------ helpers
    def _renewal_sold_by_quantity(self, uom=None):
        """Is the top-up sold in a unit that converts to the quota's unit?

        (``uom``: the line's unit; default the product's.) Otherwise the
        product is a package adding ``renewal_quantity`` per unit sold.
        """
        self.ensure_one()
        unit_uom = self._unit_uom()
        uom = uom or self.renewal_product_id.uom_id
        return bool(unit_uom and uom and uom.category_id == unit_uom.category_id)

    def _check_service_manager(self):
        if not self.env.su and not self.env.user.has_group(MANAGER):
            raise AccessError(self.env._("Only service managers renew a quota."))

    def _renewal_line_vals(self):
        self.ensure_one()
        product = self.renewal_product_id
        shown = f"{self.renewal_quantity:g}"  # babel evaluates f-strings in _()
        name = self.env._(
            "Top-up of %(quantity)s %(unit)s for %(quota)s (%(contract)s)",
            quantity=shown,
            unit=self.unit_label,
            quota=self.name,
            contract=self.contract_id.display_name,
        )
        vals = {
            "product_id": product.id,
            "name": f"{product.display_name}\n{name}",
            "service_topup_quota_id": self.id,
        }
        if self._renewal_sold_by_quantity():
            vals.update(
                product_uom=self._unit_uom().id,
                product_uom_qty=self.renewal_quantity,
                price_unit=self.renewal_price / self.renewal_quantity,
            )
        else:
            vals.update(
                product_uom=product.uom_id.id,
                product_uom_qty=1.0,
                price_unit=self.renewal_price,
                service_topup_package_qty=self.renewal_quantity,
            )
        return vals

    def _open_renewal(self):
        """The quotation of this quota's renewal not yet confirmed, if any."""
        self.ensure_one()
        return (
            self.env["sale.order.line"]
            .search(
                [
                    ("service_topup_quota_id", "=", self.id),
                    ("order_id.state", "in", ("draft", "sent")),
                ],
                order="id desc",
                limit=1,
            )
            .order_id
        )

    # ------------------------------------------------------------ actions
    def action_service_renew(self):
        """Open a quotation for this quota's top-up (create it if none is open)."""
        self.ensure_one()
        self._check_service_manager()
        if not self.renewal_product_id or float_is_zero(
            self.renewal_quantity, precision_digits=6
        ):
            raise UserError(
                self.env._(
                    "Quota %(quota)s has no top-up to sell: set its top-up product "
                    "and quantity (Renewal tab).",
                    quota=self.name,
                )
            )
        if not self.active or self.balance_state == "expired":
            raise UserError(
                self.env._(
                    "Quota %(quota)s has ended: it cannot be renewed.", quota=self.name
                )
            )
        order = self._open_renewal()
        if not order:
            contract = self.contract_id
            order = self.env["sale.order"].create(
                {
                    "partner_id": contract.partner_id.id,
                    "partner_invoice_id": (
                        contract.invoice_partner_id or contract.partner_id
                    ).id,
                    "company_id": self.company_id.id,
                    "user_id": (contract.user_id or self.env.user).id,
                    "origin": contract.name,
                    # signing confirms it (and tops up); paid by its invoice
                    "require_signature": True,
                    "require_payment": False,
                    "order_line": [Command.create(self._renewal_line_vals())],
                }
            )
            order.message_post(
                body=self.env._(
                    "Renewal of quota %(quota)s of contract %(contract)s.",
                    quota=self.name,
                    contract=contract.display_name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": order.id,
            "views": [(False, "form")],
            "target": "current",
        }

    def action_view_renewals(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Renewals of %(quota)s", quota=self.name),
            "res_model": "sale.order",
            "view_mode": "list,form",
            "domain": [("id", "in", self.renewal_line_ids.order_id.ids)],
        }

    def _balance_activity_vals(self, vals):
        """The low-balance / exhausted activity links to *Renew* (one click)."""
        self.ensure_one()
        if not self.renewal_product_id:
            return vals
        url = f"/odoo/service.quota/{self.id}/action-{RENEW_ACTION}"
        vals["note"] = Markup('{note}<br/><a href="{url}">{label}</a>').format(
            note=vals.get("note") or "",
            url=url,
            label=self.env._("Renew: quotation for %(quota)s", quota=self.name),
        )
        return vals


class ContractContract(models.Model):
    _inherit = "contract.contract"

    def action_service_renew(self):
        """Renew the contract's most pressing quota (exhausted, then low)."""
        self.ensure_one()
        self.env["service.quota"]._check_service_manager()
        quotas = self.service_quota_ids.filtered(
            lambda q: q.active and q.balance_state in ("exhausted", "low")
        ) or self.service_quota_ids.filtered(
            lambda q: q.active and q.balance_state == "ok"
        )
        if not quotas:
            raise UserError(
                self.env._(
                    "Contract %(contract)s has no running quota to renew.",
                    contract=self.display_name,
                )
            )
        quotas = quotas.sorted(lambda q: (q.balance_state != "exhausted", q.sequence))
        return quotas[0].action_service_renew()
