from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools import float_compare


class ServiceBilling(models.AbstractModel):
    _inherit = "service.billing"

    @api.model
    def _refresh_sources(self, lines):
        """Recompute the billed figures of the sources ``lines`` billed."""
        claims = (
            self.env["service.billed.source"]
            .sudo()
            .search([("sale_line_ids", "in", lines.ids)])
        )
        keys = [(claim.source_model, claim.source_id) for claim in claims]
        for records in self._billable_sources(keys):
            records._service_refresh_billing()

    @api.model
    def _billable_sources(self, keys):
        """The existing records of billable models among ``keys`` [(model, id)],
        one recordset per model."""
        billable = set(self.env["service.billable.mixin"]._service_billable_models())
        by_model = {}
        for model, res_id in keys:
            if model in billable:
                by_model.setdefault(model, []).append(res_id)
        return [self.env[model].browse(ids).exists() for model, ids in by_model.items()]

    @api.model
    def _release_lines(self, lines, reason):
        """Release the work that ``lines`` billed: the one path for every undoing.

        Called when an order is cancelled or deleted, when an order line is
        deleted, and when a credit note fully reverses an invoiced order. The
        whole piece of work a line belongs to is released (its other lines go
        with it): the quota gets its units back once (reversal rows in the
        ledger, with who and why), the claims are forgotten and the sources'
        hook is called, so they may be billed again once. Releasing again finds
        nothing and changes nothing. Only service managers release work, and
        work still invoiced (a posted invoice not fully reversed) is refused:
        post a credit note first.

        Returns all the lines of the released work.
        """
        claims_model = self.env["service.billed.source"].sudo()
        claims = claims_model.search([("sale_line_ids", "in", lines.ids)])
        if not claims:
            return self.env["sale.order.line"]
        manager = "service_contract_quota.group_service_manager"
        if not self.env.su and not self.env.user.has_group(manager):
            raise UserError(
                self.env._(
                    "%(order)s bills service work: only a service manager cancels, "
                    "deletes or changes it.",
                    order=lines.order_id[:1].name,
                )
            )
        work_lines = claims.sale_line_ids
        claims |= claims_model.search([("sale_line_ids", "in", work_lines.ids)])
        work_lines |= claims.sale_line_ids
        precision = self.env["decimal.precision"].precision_get(
            "Product Unit of Measure"
        )
        invoiced = work_lines.filtered(
            lambda line: float_compare(line.qty_invoiced, 0.0, precision) > 0
        )
        if invoiced:
            raise UserError(
                self.env._(
                    "%(order)s is invoiced (%(invoices)s): post a credit note that "
                    "reverses it before releasing its work.",
                    order=invoiced.order_id[:1].name,
                    invoices=", ".join(
                        invoiced.invoice_lines.move_id.filtered(
                            lambda move: move.state == "posted"
                        ).mapped("name")
                    ),
                )
            )
        moves = (
            self.env["service.quota.move"]
            .sudo()
            .search(
                [
                    ("sale_line_id", "in", work_lines.ids),
                    ("move_type", "=", "consumption"),
                ]
            )
        )
        moves._book_reversal(reason)
        keys = [(claim.source_model, claim.source_id) for claim in claims]
        claims.unlink()
        self._notify_keys(keys, work_lines, released=True)
        return work_lines.with_env(self.env)
