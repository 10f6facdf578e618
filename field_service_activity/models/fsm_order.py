from odoo import api, fields, models
from odoo.exceptions import UserError

KINDS = [
    ("one_off", "One-off"),
    ("recurring", "Recurring"),
    ("warranty", "Warranty"),
]
STATES = [
    ("planned", "Planned"),
    ("in_progress", "In progress"),
    ("done", "Done (signed)"),
    ("approved", "Approved"),
    ("invoiced", "Invoiced"),
]
ESTIMATE_STATES = [
    ("none", "No estimate"),
    ("sent", "Waiting for the customer"),
    ("accepted", "Accepted"),
    ("refused", "Refused"),
]
FREQUENCIES = [
    ("weekly", "Weeks"),
    ("monthly", "Months"),
    ("yearly", "Years"),
]


class FsmOrder(models.Model):
    """A service activity: work at a customer's equipment, reported by the
    technician, signed by the customer, approved and billed through the
    suite's engine."""

    _name = "fsm.order"
    _inherit = ["fsm.order", "service.quota.holder"]

    service_kind = fields.Selection(
        KINDS, string="Kind", default="one_off", required=True, tracking=True
    )
    service_equipment_id = fields.Many2one(
        "fsm.equipment",
        string="Equipment",
        index="btree_not_null",
        tracking=True,
        domain="[('service_partner_id', '=?', service_partner_id)]",
    )
    service_partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        compute="_compute_service_partner_id",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        help="The customer billed; defaults from the equipment or the location's "
        "owner.",
    )
    service_state = fields.Selection(
        STATES,
        string="Status",
        default="planned",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    service_line_ids = fields.One2many(
        "fsm.order.service.line",
        "order_id",
        string="Parts, materials and labour",
        copy=True,
    )
    service_timesheet_ids = fields.One2many(
        "account.analytic.line", "service_fsm_order_id", string="Time on site"
    )
    service_km = fields.Float(string="Kilometres", digits=(16, 1))
    service_defects_expected = fields.Html(string="Expected defects")
    service_defects_found = fields.Html(string="Defects found")
    service_reading_ids = fields.One2many(
        "fsm.equipment.reading", "fsm_order_id", string="Readings"
    )
    service_photo_ids = fields.Many2many(
        "ir.attachment",
        "fsm_order_service_photo_rel",
        "order_id",
        "attachment_id",
        string="Photos",
    )
    # Cost estimate (a quotation the customer accepts or refuses on the portal).
    service_estimate_state = fields.Selection(
        ESTIMATE_STATES,
        string="Cost estimate",
        default="none",
        required=True,
        tracking=True,
        copy=False,
    )
    service_estimate_by = fields.Char(string="Answered by", copy=False)
    service_estimate_on = fields.Datetime(string="Answered on", copy=False)
    # Recurrence: each occurrence creates the next one, once.
    service_recurrence_interval = fields.Integer(string="Every", default=1)
    service_recurrence_unit = fields.Selection(
        FREQUENCIES, string="Repeat unit", default="yearly"
    )
    service_recurrence_until = fields.Date(string="Repeat until")
    service_previous_id = fields.Many2one(
        "fsm.order", string="Previous occurrence", copy=False, index="btree_not_null"
    )
    service_next_id = fields.Many2one(
        "fsm.order", string="Next occurrence", copy=False, index="btree_not_null"
    )

    @api.depends("service_equipment_id.service_partner_id", "location_id.owner_id")
    def _compute_service_partner_id(self):
        for order in self:
            if order.service_billed:
                continue
            partner = (
                order.service_equipment_id.service_partner_id
                or order.location_id.owner_id.commercial_partner_id
            )
            if partner:
                order.service_partner_id = partner

    def _service_day(self):
        """The day of the work: when it started, else when it is planned."""
        self.ensure_one()
        moment = (
            self.date_start
            or self.scheduled_date_start
            or self.create_date
            or fields.Datetime.now()
        )
        return fields.Date.context_today(self, moment)

    @api.depends(
        "service_partner_id",
        "company_id",
        "scheduled_date_start",
        "date_start",
        "service_kind",
    )
    def _compute_service_quota_id(self):
        return super()._compute_service_quota_id()

    def _service_quota_request(self):
        """The labour's quota: the company's labour product on the day of the
        work (warranty work consumes no quota)."""
        self.ensure_one()
        company = self.company_id or self.env.company
        labour = company.service_fsm_labour_product_id
        if not self.service_partner_id or self.service_kind == "warranty" or not labour:
            return None
        return (
            self.service_partner_id.commercial_partner_id,
            labour,
            self._service_day(),
            company,
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_time_on_site(self):
        """Time on site is what the customer signs for and pays: an activity
        that holds some is kept (remove the entries first, if they are wrong)."""
        worked = self.filtered("service_timesheet_ids")
        if worked:
            raise UserError(
                self.env._(
                    "%(activity)s holds time on site: delete its time entries "
                    "first if they are wrong, or keep the activity.",
                    activity=worked[:1].display_name,
                )
            )
