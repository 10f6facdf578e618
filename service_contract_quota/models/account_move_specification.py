import logging
from collections import defaultdict

from odoo import fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

SPECIFICATION_REPORT = "service_contract_quota.action_report_service_specification"
SPECIFICATION_CRON = "service_contract_quota.ir_cron_service_specification"
SPECIFICATION_BATCH = 20  # invoices printed per committed batch
# Who did the work, as the billed record names them (the first field present).
TECHNICIAN_FIELDS = ("technician_id", "person_id", "user_id")
# The time worked, as a billed record stores it: (field, minutes per unit).
WORKED_FIELDS = (("duration_minutes", 1.0), ("service_logged_hours", 60.0))


class AccountMove(models.Model):
    """The specification of a service invoice: each piece of work it bills
    and the quotas that work drew from (report
    ``service_contract_quota.report_service_specification``)."""

    _inherit = "account.move"

    service_specification_id = fields.Many2one(
        "ir.attachment",
        string="Service specification",
        readonly=True,
        copy=False,
        help="The specification PDF, attached shortly after the invoice was "
        "posted (or when it is first sent or opened).",
    )
    service_specification_pending = fields.Boolean(
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Posted, its specification not printed yet (a background job "
        "prints it, so posting never waits for the PDF).",
    )

    def _service_specification_sale_lines(self):
        """{invoice line: its engine-made sale line} of this invoice."""
        self.ensure_one()
        result = {}
        for line in self.sudo().invoice_line_ids:
            sale_lines = line.sale_line_ids.filtered("service_source_model")
            if sale_lines:
                result[line] = sale_lines[0]
        return result

    def _service_specification_rows(self):
        """One dict per piece of work billed on this invoice, in line order:
        date, source, description, technician, worked_minutes (None when the
        record keeps no time), quantity, covered, uom, amount."""
        self.ensure_one()
        rows = {}
        for line, sale_line in self._service_specification_sale_lines().items():
            key = (sale_line.service_source_model, sale_line.service_source_id)
            row = rows.get(key)
            if row is None:
                row = rows[key] = self._service_specification_row(sale_line)
            quantity = line.quantity
            row["quantity"] += quantity
            if sale_line.service_covered:
                row["covered"] += quantity
            row["amount"] += line.price_subtotal
            row["sale_lines"] |= sale_line
        for row in rows.values():
            moves = row.pop("sale_lines").service_quota_move_ids.filtered(
                lambda move: move.move_type == "consumption"
            )
            if moves:
                row["date"] = min(moves.mapped("date"))
        return list(rows.values())

    def _service_specification_row(self, sale_line):
        """The row of the piece of work ``sale_line`` bills, before its sums."""
        model, res_id = sale_line.service_source_model, sale_line.service_source_id
        source = (
            self.env[model].sudo().browse(res_id).exists()
            if model in self.env
            else None
        )
        order = sale_line.order_id
        description = (sale_line.name or "").split("\n")[0]
        product = sale_line.product_id.display_name
        if description == product:
            description = ""
        return {
            "date": fields.Date.context_today(order, order.date_order),
            "source": source.display_name if source else "",
            "description": description,
            "technician": self._service_technician(source),
            "worked_minutes": self._service_worked_minutes(source),
            "quantity": 0.0,
            "covered": 0.0,
            "uom": sale_line.product_uom.name,
            "amount": 0.0,
            "sale_lines": sale_line,
        }

    def _service_technician(self, source):
        """Name of who did the work: the source's technician, person or user."""
        if not source:
            return ""
        for name in TECHNICIAN_FIELDS:
            field = source._fields.get(name)
            if field and field.type == "many2one" and source[name]:
                return source[name].display_name
        return ""

    def _service_worked_minutes(self, source):
        """Minutes the source says were worked (one decimal); None when it
        keeps no time. A billable model may define ``_service_worked_minutes``."""
        if not source:
            return None
        own = getattr(source, "_service_worked_minutes", None)
        if callable(own):
            minutes = own()
            return None if minutes is None else round(minutes, 1)
        for name, factor in WORKED_FIELDS:
            if name in source._fields:
                return round((source[name] or 0.0) * factor, 1)
        return None

    def _service_specification_quotas(self):
        """One dict per quota period the invoice's work drew from: quota,
        contract, period, unit, allowance (base), rolled_over, topup,
        available, used, overage and remaining, from the period totals."""
        self.ensure_one()
        sale_lines = self.env["sale.order.line"].union(
            *self._service_specification_sale_lines().values()
        )
        periods = defaultdict(set)
        for move in sale_lines.service_quota_move_ids:
            periods[move.quota_id].add(move.period_start)
        result = []
        for quota in sorted(periods, key=lambda quota: (quota.sequence, quota.id)):
            totals = quota._period_totals()[quota.id]
            for start in sorted(periods[quota]):
                balances = quota._balances_for(start, totals)
                topup = totals.get(start, (0.0, 0.0, 0.0))[2]
                available = balances["period_allowance"]
                used = balances["period_used"]
                result.append(
                    {
                        "quota": quota.name,
                        "contract": quota.contract_id.display_name,
                        "period_start": balances["period_start"],
                        "period_end": balances["period_end"],
                        "unit": quota.unit_label or "",
                        "allowance": quota.allowance,
                        "rolled_over": available - quota.allowance - topup,
                        "topup": topup,
                        "available": available,
                        "used": used,
                        "overage": balances["period_overage"],
                        "remaining": max(available - used, 0.0),
                    }
                )
        return result

    def _post(self, soft=True):
        """Posting marks the specification to print and wakes the job that
        prints it after the commit: posting many invoices (a statement run,
        auto-invoicing) never waits for one PDF each."""
        posted = super()._post(soft)
        todo = posted._service_needs_specification()
        if todo:
            todo.sudo().service_specification_pending = True
            cron = self.env.ref(SPECIFICATION_CRON, raise_if_not_found=False)
            if cron:
                cron.sudo()._trigger()
        return posted

    def _service_needs_specification(self):
        return self.filtered(
            lambda move: move.move_type == "out_invoice"
            and move.state == "posted"
            and not move.service_specification_id
            and move.service_invoice
        )

    def _cron_service_attach_specifications(self):
        """Print the specifications of invoices posted since the last run,
        committed per batch (an interrupted job resumes with the rest)."""
        while True:
            moves = self.sudo().search(
                [("service_specification_pending", "=", True)],
                limit=SPECIFICATION_BATCH,
            )
            if not moves:
                return
            moves._service_attach_specification()
            moves.service_specification_pending = False
            if not self.env.context.get("service_no_commit"):
                self.env.cr.commit()  # pylint: disable=invalid-commit

    def _service_specification(self):
        """The specification attachment, printed now if the job has not yet
        (the e-mail and the portal never go without it)."""
        self.ensure_one()
        if not self.service_specification_id:
            self._service_attach_specification()
        return self.sudo().service_specification_id

    def _service_attach_specification(self):
        """Attach the specification PDF to posted customer invoices that bill
        engine work, once per invoice."""
        moves = self._service_needs_specification()
        report = self.env["ir.actions.report"].sudo()
        for move in moves:
            try:
                with self.env.cr.savepoint():
                    content, _kind = report.with_company(
                        move.company_id
                    )._render_qweb_pdf(SPECIFICATION_REPORT, move.ids)
            except UserError as error:
                # wkhtmltopdf failed: the invoice stays posted, the
                # specification is printed when it is posted, sent or opened again
                _logger.warning(
                    "Specification of %s not rendered: %s", move.name, error
                )
                move.message_post(
                    body=self.env._(
                        "The service specification could not be printed: " "%(error)s",
                        error=str(error),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
                continue
            attachment = (
                self.env["ir.attachment"]
                .sudo()
                .create(
                    {
                        "name": move._service_specification_filename(),
                        "raw": content,
                        "res_model": move._name,
                        "res_id": move.id,
                        "mimetype": "application/pdf",
                    }
                )
            )
            move.sudo().service_specification_id = attachment

    def _service_specification_filename(self):
        self.ensure_one()
        name = (self.name or "").replace("/", "_")
        return self.env._("Specification %(invoice)s.pdf", invoice=name)


class AccountMoveSend(models.AbstractModel):
    _inherit = "account.move.send"

    def _get_invoice_extra_attachments(self, move):
        """The service specification goes with the invoice e-mail."""
        return super()._get_invoice_extra_attachments(move) | (
            move._service_specification()
        )
