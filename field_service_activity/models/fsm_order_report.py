from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib import worktime

MANAGER = "service_contract_quota.group_service_manager"
#: Service states in which the technician still reports (not yet signed).
OPEN_STATES = ("planned", "in_progress")
#: What the technician reports; frozen for technicians once the customer signed.
REPORT_FIELDS = frozenset(
    {
        "service_km",
        "service_defects_found",
        "resolution",
        "service_line_ids",
        "service_timesheet_ids",
        "service_reading_ids",
        "service_photo_ids",
        "date_start",
        "date_end",
        "signature",
        "signed_by",
        "signed_on",
        "service_state",
        "service_work_order_id",
    }
)


class FsmOrder(models.Model):
    """The technician's work report on an activity: time on site by Start and
    Stop (or typed in), kilometres, parts used, defects, readings, notes and
    photos; frozen for technicians once the customer signed."""

    _inherit = "fsm.order"

    service_hours = fields.Float(
        string="Hours on site",
        compute="_compute_service_hours",
        store=True,
        help="Total of the time entries of the activity.",
    )
    service_running_line_id = fields.Many2one(
        "account.analytic.line",
        string="My running time",
        compute="_compute_service_running_line_id",
    )
    service_running_since = fields.Datetime(
        string="Running since", compute="_compute_service_running_line_id"
    )
    service_report_locked = fields.Boolean(
        string="Report locked",
        compute="_compute_service_report_locked",
        help="Signed by the customer: only a service manager changes the report.",
    )
    service_work_order_id = fields.Many2one(
        "ir.attachment",
        string="Signed work order",
        readonly=True,
        copy=False,
        help="The work order PDF as the customer signed it.",
    )

    @api.depends("service_timesheet_ids.unit_amount")
    def _compute_service_hours(self):
        groups = self.env["account.analytic.line"]._read_group(
            [("service_fsm_order_id", "in", self.ids)],
            ["service_fsm_order_id"],
            ["unit_amount:sum"],
        )
        hours = dict(groups)
        for order in self:
            order.service_hours = hours.get(order, 0.0)

    @api.depends_context("uid")
    @api.depends("service_timesheet_ids.service_fsm_running")
    def _compute_service_running_line_id(self):
        running = self.env["account.analytic.line"].search(
            [
                ("service_fsm_order_id", "in", self.ids),
                ("service_fsm_running", "=", True),
                ("user_id", "=", self.env.uid),
            ]
        )
        for order in self:
            line = running.filtered(
                lambda line, order=order: line.service_fsm_order_id == order
            )[:1]
            order.service_running_line_id = line
            order.service_running_since = line.service_fsm_start

    @api.depends_context("uid")
    @api.depends("service_state")
    def _compute_service_report_locked(self):
        editor = self._service_report_editor()
        for order in self:
            order.service_report_locked = (
                not editor and order.service_state not in OPEN_STATES
            )

    def _service_report_editor(self):
        """Managers (and the engine's own hooks) still correct a signed report
        until approval; technicians no longer do."""
        return self.env.su or self.env.user.has_group(MANAGER)

    def _service_check_report_unlocked(self):
        """Refuse the change if the customer already signed one of these
        activities and the user is not a service manager."""
        if not self or self._service_report_editor():
            return
        signed = self.sudo().filtered(lambda o: o.service_state not in OPEN_STATES)
        if signed:
            order = signed[:1]
            raise UserError(
                self.env._(
                    "%(activity)s was signed by %(signer)s: its work report can no "
                    "longer be changed by a technician. Ask a service manager to "
                    "correct it.",
                    activity=order.display_name,
                    signer=order.signed_by or self.env._("the customer"),
                )
            )

    def write(self, vals):
        if REPORT_FIELDS & set(vals):
            self._service_check_report_unlocked()
        return super().write(vals)

    def action_service_open_work_report(self):
        """The phone form of the work report, for this activity."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Work report"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [
                (
                    self.env.ref(
                        "field_service_activity.fsm_order_view_form_work_report"
                    ).id,
                    "form",
                )
            ],
        }

    # Time on site ---------------------------------------------------------

    def _service_check_open(self):
        for order in self:
            if order.service_state not in OPEN_STATES:
                raise UserError(
                    self.env._(
                        "%(activity)s is %(state)s: no more time is logged on it.",
                        activity=order.display_name,
                        state=dict(
                            order._fields["service_state"]._description_selection(
                                self.env
                            )
                        )[order.service_state],
                    )
                )

    def _service_running_lines_of_user(self):
        return self.env["account.analytic.line"].search(
            [("service_fsm_running", "=", True), ("user_id", "=", self.env.uid)]
        )

    def action_service_start(self):
        """Start my clock on this activity. A clock of mine running on another
        activity stops first (one running per technician), and I am told."""
        self.ensure_one()
        self._service_check_open()
        now = fields.Datetime.now()
        elsewhere = self._service_running_lines_of_user()
        if elsewhere.service_fsm_order_id == self:
            raise UserError(
                self.env._(
                    "Your time on %(activity)s is already running.",
                    activity=self.display_name,
                )
            )
        elsewhere._service_stop(now)
        if self.service_state == "planned":
            self._service_prefill_used()
            self.write(
                {"service_state": "in_progress", "date_start": self.date_start or now}
            )
        self.env["account.analytic.line"].create(
            {
                "name": self.env._("Time on site"),
                "service_fsm_order_id": self.id,
                "service_fsm_start": now,
            }
        )
        if not elsewhere:
            return True
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "warning",
                "sticky": False,
                "message": self.env._(
                    "Your time on %(other)s stopped: %(activity)s is running now.",
                    other=", ".join(
                        elsewhere.service_fsm_order_id.mapped("display_name")
                    ),
                    activity=self.display_name,
                ),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def action_service_stop(self):
        """Stop my clock on this activity."""
        self.ensure_one()
        running = self._service_running_lines_of_user().filtered(
            lambda line: line.service_fsm_order_id == self
        )
        if not running:
            raise UserError(
                self.env._(
                    "Your time on %(activity)s is not running.",
                    activity=self.display_name,
                )
            )
        running._service_stop(fields.Datetime.now())
        return True

    def _service_prefill_used(self):
        """On the first start, the planned parts are what the technician is
        expected to use: used = planned where nothing was reported yet."""
        for line in self.service_line_ids:
            if not line.used_qty and line.planned_qty:
                line.used_qty = line.planned_qty

    def _service_hours_text(self):
        """Hours on site as h:mm (for the work order)."""
        self.ensure_one()
        return worktime.format_hours(max(self.service_hours, 0.0))
