from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import format_datetime

from .fsm_order_report import OPEN_STATES

REPORT = "field_service_activity.fsm_work_order_report_action"
MAIL = "field_service_activity.mail_template_fsm_work_order_signed"


class FsmOrder(models.Model):
    """The customer signs the work report on the technician's phone: the
    activity is done, its time stops, and the signed work order PDF is
    attached and e-mailed to the customer (the completion notice)."""

    _inherit = "fsm.order"

    def action_service_sign(self):
        """Open the signature on the phone."""
        self.ensure_one()
        self._service_check_signable()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Customer signature"),
            "res_model": "fsm.order.sign.wizard",
            "view_mode": "form",
            "views": [
                (
                    self.env.ref(
                        "field_service_activity.fsm_order_sign_wizard_view_form_work_report"
                    ).id,
                    "form",
                )
            ],
            "target": "new",
            "context": {"active_id": self.id, "default_order_id": self.id},
        }

    def _service_check_signable(self):
        self.ensure_one()
        if self.signature or self.service_state not in OPEN_STATES:
            raise UserError(
                self.env._(
                    "%(activity)s is already signed (by %(signer)s on %(date)s): a "
                    "work order is signed once.",
                    activity=self.display_name,
                    signer=self.signed_by or "?",
                    date=self.signed_on
                    and format_datetime(self.env, self.signed_on)
                    or "?",
                )
            )

    def _service_sign(self, signed_by, signature):
        """The customer signs: refuse a second signature, a missing name or
        drawing, or an activity with no time on site; else stop the clocks,
        close the activity, attach and e-mail the signed work order."""
        self.ensure_one()
        self._service_check_signable()
        signed_by = (signed_by or "").strip()
        if not signed_by:
            raise UserError(
                self.env._(
                    "Enter the name of the person who signs %(activity)s.",
                    activity=self.display_name,
                )
            )
        if not signature:
            raise UserError(
                self.env._(
                    "The customer has not signed %(activity)s yet: draw the "
                    "signature.",
                    activity=self.display_name,
                )
            )
        now = fields.Datetime.now()
        # Everyone's clock on this visit stops: the customer signs what was done.
        running = self.service_timesheet_ids.filtered("service_fsm_running")
        running.sudo()._service_stop(now)
        self.invalidate_recordset(["service_hours"])
        if self.service_hours <= 0:
            raise UserError(
                self.env._(
                    "No time on site is logged on %(activity)s: start and stop the "
                    "clock or enter the hours worked before the customer signs.",
                    activity=self.display_name,
                )
            )
        completed = self.env.ref("fieldservice.fsm_stage_completed")
        self.with_context(bypass_order_completed_stage=True).write(
            {
                "signed_by": signed_by,
                "signed_on": now,
                "signature": signature,
                "service_state": "done",
                "date_start": self.date_start
                or min(self.service_timesheet_ids.mapped("service_fsm_start") or [now]),
                "date_end": now,
                "stage_id": completed.id,
            }
        )
        attachment = self._service_attach_work_order()
        self._service_send_work_order(attachment)
        return True

    def _service_work_order_filename(self):
        self.ensure_one()
        return self.env._("Work order %(name)s.pdf", name=self.name).replace("/", "-")

    def _service_attach_work_order(self):
        """Render the signed work order and keep it on the activity."""
        self.ensure_one()
        content, _kind = (
            self.env["ir.actions.report"]
            .sudo()
            .with_context(report_pdf_no_attachment=True)
            ._render_qweb_pdf(REPORT, self.ids)
        )
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": self._service_work_order_filename(),
                    "raw": content,
                    "mimetype": "application/pdf",
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        )
        self.sudo().service_work_order_id = attachment
        return attachment

    def _service_send_work_order(self, attachment):
        """E-mail the signed work order to the customer, once: the signature
        happens once, and this is its only caller."""
        self.ensure_one()
        template = self.env.ref(MAIL)
        self.sudo().message_post_with_source(
            template,
            subtype_xmlid="mail.mt_comment",
            message_type="comment",
            attachment_ids=attachment.ids,
        )


class FsmOrderSignWizard(models.TransientModel):
    """OCA's signature wizard signs through the work report's rules: once,
    with a name, closing the activity and sending the signed PDF."""

    _inherit = "fsm.order.sign.wizard"

    def action_sign(self):
        self.ensure_one()
        signature = self.signature
        if isinstance(signature, bytes):
            signature = signature.decode()
        self.order_id._service_sign(self.signed_by, signature)
        return {"type": "ir.actions.act_window_close"}
