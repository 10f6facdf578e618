from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..lib.approval import is_locked, labour_seconds, user_may_set_state

MANAGER = "service_contract_quota.group_service_manager"

# What approval bills: locked once the activity is approved, until released.
BILLING_FIELDS = {
    "service_km",
    "service_line_ids",
    "service_timesheet_ids",
    "service_kind",
    "service_partner_id",
    "service_quota_id",
    "service_quota_manual",
    "service_labour_adjusted",
    "service_approved_hours",
    "company_id",
}
# Set by a service manager only.
MANAGER_FIELDS = {"service_labour_adjusted", "service_approved_hours"}


class FsmOrder(models.Model):
    """Approval and invoicing of a service activity, through the suite's engine.

    A service manager approves a signed activity (``done``): its labour (the
    time entries, or a duration the manager approved), parts, materials and
    kilometres are billed in one engine call, and the engine's hook makes it
    ``approved``. Posting a customer invoice of its order makes it
    ``invoiced`` and e-mails the customer. Releasing the order (cancelled,
    deleted, credited) brings it back to ``done``, to be approved again.
    """

    _inherit = "fsm.order"

    service_logged_hours = fields.Float(
        string="Time logged",
        compute="_compute_service_logged_hours",
        help="Time the technicians logged on this activity.",
    )
    service_labour_adjusted = fields.Boolean(
        string="Approve another duration",
        copy=False,
        tracking=True,
        help="Bill the approved duration below as one entry instead of the time "
        "entries (a service manager's correction).",
    )
    service_approved_hours = fields.Float(
        string="Approved time",
        copy=False,
        tracking=True,
        help="Labour billed when a service manager approves another duration; "
        "the rounding rule applies to it as to one entry.",
    )
    service_approved_by = fields.Many2one(
        "res.users", string="Approved by", readonly=True, copy=False
    )
    service_approved_on = fields.Datetime(
        string="Approved on", readonly=True, copy=False
    )
    service_invoice_id = fields.Many2one(
        "account.move",
        string="Invoice",
        compute="_compute_service_invoice_id",
        compute_sudo=True,
        help="The latest posted customer invoice of the order that billed this "
        "activity.",
    )

    @api.depends("service_timesheet_ids.unit_amount")
    def _compute_service_logged_hours(self):
        for order in self:
            order.service_logged_hours = sum(
                order.sudo().service_timesheet_ids.mapped("unit_amount")
            )

    @api.depends("service_sale_order_id.invoice_ids.state")
    def _compute_service_invoice_id(self):
        for order in self:
            invoices = order.service_sale_order_id.invoice_ids.filtered(
                lambda move: move.move_type == "out_invoice" and move.state == "posted"
            )
            order.service_invoice_id = invoices.sorted("id")[-1:]

    # ------------------------------------------------------------- guards
    def _service_billing_bypass(self):
        """The engine's own hooks (superuser and a flag: a context key sent
        over RPC comes without superuser rights)."""
        return self.env.is_superuser() and self.env.context.get("service_billing")

    def _service_is_manager(self):
        return self.env.is_superuser() or self.env.user.has_group(MANAGER)

    def _service_check_unlocked(self):
        """Refuse to change what an approved activity billed."""
        if self._service_billing_bypass():
            return
        locked = self.sudo().filtered(lambda o: is_locked(o.service_state))
        if locked:
            raise UserError(
                self.env._(
                    "%(activity)s is approved and billed (%(order)s): its time, "
                    "parts and kilometres are locked. A service manager cancels "
                    "that order to change them.",
                    activity=locked[:1].name,
                    order=locked[:1].service_sale_order_id.name or "",
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self._service_billing_bypass():
            for vals in vals_list:
                if not user_may_set_state("planned", vals.get("service_state")):
                    raise UserError(
                        self.env._(
                            "An activity is approved by a service manager once it is "
                            "done and signed, not created approved."
                        )
                    )
                if MANAGER_FIELDS & set(vals) and not self._service_is_manager():
                    self._service_refuse_labour()
        return super().create(vals_list)

    def write(self, vals):
        if not self._service_billing_bypass():
            if "service_state" in vals:
                for order in self:
                    if not user_may_set_state(
                        order.service_state, vals["service_state"]
                    ):
                        raise UserError(
                            self.env._(
                                "%(activity)s: approval and invoicing set this "
                                "status. A service manager approves a signed "
                                "activity with Approve; cancelling its order "
                                "brings it back.",
                                activity=order.name,
                            )
                        )
            if MANAGER_FIELDS & set(vals) and not self._service_is_manager():
                self._service_refuse_labour()
            if BILLING_FIELDS & set(vals):
                self._service_check_unlocked()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_billed(self):
        billed = self.sudo().filtered(
            lambda o: o.service_billed or is_locked(o.service_state)
        )
        if billed:
            raise UserError(
                self.env._(
                    "%(activity)s is billed (%(order)s): a service manager cancels "
                    "that order before the activity can be deleted.",
                    activity=billed[:1].name,
                    order=billed[:1].service_sale_order_id.name or "",
                )
            )

    def _service_refuse_labour(self):
        raise AccessError(
            self.env._("Only a service manager approves another duration of labour.")
        )

    # ------------------------------------------------------------ billing
    def _service_billing_items(self):
        """The engine items of this activity, one piece of work: labour from
        the time entries against the contract quota, parts and materials at
        price (a quota naming them covers them), kilometres at the mileage
        product's price without quota. Warranty work: everything at 100 %
        discount, no quota consumed."""
        self.ensure_one()
        order = self.sudo()
        company = order.company_id or self.env.company
        partner = order.service_partner_id
        if not partner:
            raise UserError(
                self.env._(
                    "%(activity)s has no customer to bill: set its customer.",
                    activity=order.name,
                )
            )
        common = {
            "partner_id": partner.id,
            "date": order._service_day(),
            "company_id": company.id,
        }
        warranty = order.service_kind == "warranty"
        if warranty:
            common.update(no_quota=True, line_vals={"discount": 100.0})
        items = []
        timesheets = order.service_timesheet_ids.filtered(lambda t: t.unit_amount > 0)
        seconds = labour_seconds(
            timesheets.mapped("unit_amount"),
            order.service_approved_hours if order.service_labour_adjusted else None,
        )
        if seconds:
            labour = company.service_fsm_labour_product_id
            if not labour:
                raise UserError(
                    self.env._(
                        "%(activity)s has time to bill, but %(company)s has no field "
                        "labour product: set it in Settings > Field Service > "
                        "Billing (Field labour).",
                        activity=order.name,
                        company=company.name,
                    )
                )
            item = dict(
                common,
                product_id=labour.id,
                seconds=seconds,
                description=f"{order.name}: {labour.display_name}",
                sources=[self, timesheets],
            )
            if order.service_quota_manual and not warranty:
                item["quota_id"] = order.service_quota_id.id
            items.append(item)
        for line in order.service_line_ids:
            if line.line_kind == "labour" or line.approved_qty <= 0:
                continue  # labour is billed from the time entries
            items.append(
                dict(
                    common,
                    product_id=line.product_id.id,
                    quantity=line.approved_qty,
                    description=f"{order.name}: {line.name or line.product_id.name}",
                    source=self,
                )
            )
        if order.service_km > 0:
            mileage = company.service_fsm_mileage_product_id
            if not mileage:
                raise UserError(
                    self.env._(
                        "%(activity)s has kilometres to bill, but %(company)s has no "
                        "mileage product: set it in Settings > Field Service > "
                        "Billing (Mileage).",
                        activity=order.name,
                        company=company.name,
                    )
                )
            items.append(
                dict(
                    common,
                    product_id=mileage.id,
                    quantity=order.service_km,
                    description=f"{order.name}: {mileage.display_name}",
                    source=self,
                    no_quota=True,
                )
            )
        if not items:
            raise UserError(
                self.env._(
                    "%(activity)s has nothing to bill: no time, no parts or materials "
                    "used and no kilometres.",
                    activity=order.name,
                )
            )
        return items

    def action_service_approve(self):
        """*Approve*: bill these signed activities through the engine, in one
        call (one order per customer). Approving again bills nothing more."""
        if not self._service_is_manager():
            raise AccessError(
                self.env._("Only a service manager approves service activities.")
            )
        self.check_access("write")
        todo = self.filtered(lambda o: not is_locked(o.service_state))
        waiting = todo.filtered(lambda o: o.service_state != "done")
        if waiting:
            raise UserError(
                self.env._(
                    "%(activity)s is not done and signed yet: only signed activities "
                    "are approved.",
                    activity=waiting[:1].name,
                )
            )
        items = [item for order in todo for item in order._service_billing_items()]
        if items:
            self.env["service.billing"].sudo().bill(items)
        return True

    def _service_billing_billed(self, lines):
        """The engine billed these activities: approved (by the manager who
        approved), locked; a note names the order and what it bills."""
        self.sudo().with_context(service_billing=True).write(
            {
                "service_state": "approved",
                "service_approved_by": self.env.uid,
                "service_approved_on": fields.Datetime.now(),
            }
        )
        bodies = {}
        for order in self:
            line = order.service_sale_line_ids[:1]
            amount = f"{order.service_amount:.2f} {line.currency_id.name or ''}"
            bodies[order.id] = self.env._(
                "Approved and billed on %(order)s: %(amount)s untaxed.",
                order=line.order_id.name,
                amount=amount.strip(),
            )
        self._message_log_batch(bodies=bodies)

    def _service_billing_released(self, lines):
        """Its order was cancelled, deleted or credited: back to done, to be
        corrected and approved again."""
        self.sudo().with_context(service_billing=True).write(
            {
                "service_state": "done",
                "service_approved_by": False,
                "service_approved_on": False,
            }
        )
        body = self.env._(
            "Its billing was undone (%(order)s): the activity may be corrected and "
            "approved again.",
            order=", ".join(lines.order_id.mapped("name")),
        )
        self._message_log_batch(bodies=dict.fromkeys(self.ids, body))

    # ---------------------------------------------------------- invoicing
    def _service_mark_invoiced(self):
        """A posted customer invoice bills these approved activities: invoiced,
        and the customer gets the invoice e-mail (once per invoicing)."""
        todo = self.sudo().filtered(lambda o: o.service_state == "approved")
        if not todo:
            return
        todo.with_context(service_billing=True).write({"service_state": "invoiced"})
        template = self.env.ref(
            "field_service_activity.mail_template_fsm_invoiced",
            raise_if_not_found=False,
        )
        if template:
            template.sudo().send_mail_batch(todo.ids)
        bodies = {
            order.id: self.env._(
                "Invoiced (%(invoice)s); the invoice was e-mailed to %(customer)s.",
                invoice=order.service_invoice_id.name or "",
                customer=order.service_partner_id.display_name,
            )
            for order in todo
        }
        todo._message_log_batch(bodies=bodies)

    def action_service_invoice(self):
        """*Invoice*: confirm the orders of these approved activities, invoice
        and post them, then open the invoice."""
        if not self._service_is_manager():
            raise AccessError(
                self.env._("Only a service manager invoices service activities.")
            )
        self.check_access("write")
        approved = self.filtered(lambda o: o.service_state in ("approved", "invoiced"))
        if approved != self:
            raise UserError(
                self.env._(
                    "%(activity)s is not approved: approve it before invoicing it.",
                    activity=(self - approved)[:1].name,
                )
            )
        orders = approved.service_sale_order_id
        orders.filtered(lambda o: o.state in ("draft", "sent")).action_confirm()
        # customers on the monthly statement are invoiced by the statement run
        statement = orders.filtered(
            lambda o: o.partner_id._service_on_statement(o.company_id)
        )
        to_invoice = (orders - statement).filtered(
            lambda o: o.invoice_status == "to invoice"
        )
        if to_invoice:
            invoices = to_invoice._create_invoices()
            invoices.action_post()
        if statement and not self.service_invoice_id:
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "info",
                    "sticky": False,
                    "message": self.env._(
                        "%(customer)s is invoiced by the monthly statement: "
                        "%(orders)s is confirmed and goes on this month's "
                        "statement.",
                        customer=statement[:1].partner_id.display_name,
                        orders=", ".join(statement.mapped("name")),
                    ),
                },
            }
        return self.action_service_open_invoice()

    def action_service_open_invoice(self):
        """Open the posted invoice(s) of these activities."""
        invoices = self.service_invoice_id
        action = {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "name": self.env._("Invoices"),
            "context": {"default_move_type": "out_invoice"},
        }
        if len(invoices) == 1:
            return dict(action, res_id=invoices.id, views=[(False, "form")])
        return dict(
            action,
            domain=[("id", "in", invoices.ids)],
            views=[(False, "list"), (False, "form")],
        )

    def action_service_check_lines(self):
        """Open the parts, materials and labour lines to check the approved
        quantities."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "fsm.order.service.line",
            "name": self.env._(
                "Quantities to approve: %(activity)s", activity=self.name
            ),
            "views": [
                (
                    self.env.ref(
                        "field_service_activity.fsm_order_service_line_approval_list"
                    ).id,
                    "list",
                )
            ],
            "domain": [("order_id", "=", self.id)],
            "context": {"default_order_id": self.id},
        }

    @api.model
    def _service_demo_log_time(self, order_ids, employee_id, entries):
        """Demo data: time entries [(text, hours)] on each of ``order_ids``, on
        the company's field service project, as the work report logs them
        (once)."""
        for order in self.browse(order_ids):
            if order.service_timesheet_ids:
                continue
            project = (order.company_id or self.env.company)._service_fsm_project()
            day = fields.Date.context_today(self, order.date_start or order.create_date)
            self.env["account.analytic.line"].create(
                [
                    {
                        "name": name,
                        "project_id": project.id,
                        "employee_id": employee_id,
                        "service_fsm_order_id": order.id,
                        "date": day,
                        "unit_amount": hours,
                    }
                    for name, hours in entries
                ]
            )
