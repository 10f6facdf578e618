from odoo import fields, models
from odoo.tools import SQL


class ServiceBilledSource(models.Model):
    """The claim that a source record (session, timesheet, visit) has been billed.

    One row per source, unique in the database. The engine inserts it with
    ``ON CONFLICT DO NOTHING`` before billing: under REPEATABLE READ a
    concurrent transaction that billed the same source and committed makes
    that insert fail with a serialization error, so Odoo's retry runs the call
    again and finds the committed claim; a source is billed at most once.
    Cancelling the sale order releases the claim.
    """

    _name = "service.billed.source"
    _description = "Billed Service Source"

    source_model = fields.Char(required=True, readonly=True)
    source_id = fields.Many2oneReference(
        model_field="source_model", required=True, readonly=True
    )
    sale_order_id = fields.Many2one(
        "sale.order", index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True)

    _sql_constraints = [
        (
            "source_unique",
            "UNIQUE (source_model, source_id)",
            "This work has already been billed.",
        )
    ]

    def _claim(self, source):
        """Claim ``source``; return the existing claim when it was billed already."""
        self.env.cr.execute(
            SQL(
                """INSERT INTO service_billed_source
                       (source_model, source_id, company_id, create_uid, write_uid,
                        create_date, write_date)
                   VALUES (%s, %s, %s, %s, %s,
                           now() at time zone 'UTC', now() at time zone 'UTC')
                   ON CONFLICT (source_model, source_id) DO NOTHING
                   RETURNING id""",
                source._name,
                source.id,
                self.env.company.id,
                self.env.uid,
                self.env.uid,
            )
        )
        row = self.env.cr.fetchone()
        if row:
            return self.browse(row[0]), True
        return self.search(
            [("source_model", "=", source._name), ("source_id", "=", source.id)]
        ), False
