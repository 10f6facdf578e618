from odoo import api, fields, models
from odoo.exceptions import UserError

MANAGER = "service_contract_quota.group_service_manager"
# Changing them changes what the customer pays: managers only.
MANAGER_FIELDS = {"service_quota_id", "service_quota_manual"}
# Fixed once the ticket is billed (release the order to change them).
BILLED_FIELDS = {
    "service_billable",
    "service_product_id",
    "service_quota_id",
    "partner_id",
    "company_id",
}


class HelpdeskTicket(models.Model):
    """A ticket is billable work: its timesheets, or one incident, are billed
    through the suite's engine against the customer's contract quota."""

    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "service.quota.holder"]

    service_billable = fields.Boolean(
        string="Billable",
        compute="_compute_service_billable",
        store=True,
        readonly=False,
        tracking=True,
        help="Billed to the customer. Defaults from the team and the category "
        "(warranty or internal bugs are free).",
    )
    service_product_id = fields.Many2one(
        "product.product",
        string="Service billed",
        compute="_compute_service_product_id",
        store=True,
        readonly=False,
        tracking=True,
        domain="[('sale_ok', '=', True), ('type', '!=', 'combo')]",
        help="Defaults from the team: a service sold by time bills the ticket's "
        "timesheets, an incident bills one unit per ticket.",
    )
    service_quota_state = fields.Selection(
        related="service_quota_id.balance_state", string="Quota balance"
    )
    service_quota_date_end = fields.Date(
        related="service_quota_id.date_end", string="Valid until"
    )

    @api.depends("team_id.service_billable", "category_id.service_billable")
    def _compute_service_billable(self):
        for ticket in self:
            if ticket.service_billed:
                continue
            category = ticket.category_id
            ticket.service_billable = (
                not ticket.team_id or ticket.team_id.service_billable
            ) and (not category or category.service_billable)

    @api.depends("team_id.service_product_id")
    def _compute_service_product_id(self):
        for ticket in self:
            if ticket.service_billed:
                continue
            ticket.service_product_id = (
                ticket.team_id.service_product_id or ticket.service_product_id
            )

    @api.depends("commercial_partner_id", "service_product_id", "company_id")
    def _compute_service_quota_id(self):
        return super()._compute_service_quota_id()

    def _service_quota_request(self):
        self.ensure_one()
        if not (self.commercial_partner_id and self.service_product_id):
            return None
        return (
            self.commercial_partner_id,
            self.service_product_id,
            self._service_day(),
            self.company_id or self.env.company,
        )

    def _service_day(self):
        """The day of the work: when the ticket was closed, else opened."""
        self.ensure_one()
        moment = self.closed_date or self.create_date or fields.Datetime.now()
        return fields.Date.context_today(self, moment)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_service_manager(vals)
            if vals.get("service_quota_id"):
                vals["service_quota_manual"] = True
        return super().create(vals_list)

    def write(self, vals):
        self._check_service_manager(vals)
        bypass = self.env.is_superuser() and self.env.context.get("service_billing")
        if bypass or not set(vals) & BILLED_FIELDS:
            pass
        elif billed := self.filtered("service_billed"):
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s is billed on %(order)s: cancel that order "
                    "(a service manager) before changing what it bills.",
                    ticket=billed[:1].display_name,
                    order=billed[:1].service_sale_order_id.name,
                )
            )
        if "service_quota_id" in vals:
            vals = dict(vals, service_quota_manual=bool(vals["service_quota_id"]))
        return super().write(vals)

    def _check_service_manager(self, vals):
        if self.env.su or not set(vals) & MANAGER_FIELDS:
            return
        if not self.env.user.has_group(MANAGER):
            raise UserError(
                self.env._(
                    "Only service managers choose the quota a ticket is billed on."
                )
            )
