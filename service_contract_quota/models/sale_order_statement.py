from odoo import models

from .service_lock import lock_rows


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _create_invoices(self, grouped=False, final=False, date=None):
        # Serialised with the monthly statement run, which locks the same
        # orders: of two racing invoicings the second is retried on fresh data
        # and finds nothing left to invoice.
        lock_rows(self)
        return super()._create_invoices(grouped=grouped, final=final, date=date)
