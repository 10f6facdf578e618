from odoo import fields, models
from odoo.tools import SQL


class ServiceBilledSource(models.Model):
    """The claim that a source record (session, timesheet, visit) has been billed.

    One row per source, unique in the database. The engine inserts it with
    ``ON CONFLICT DO NOTHING`` before billing: under REPEATABLE READ a
    concurrent transaction that billed the same source and committed makes
    that insert fail with a serialization error, so Odoo's retry runs the call
    again and finds the committed claim; a source is billed at most once.
    Cancelling the sale order releases the claim; the order's lines name
    their source (``service_source_model``/``service_source_id``).
    """

    _name = "service.billed.source"
    _description = "Billed Service Source"

    source_model = fields.Char(required=True, readonly=True)
    source_id = fields.Many2oneReference(
        model_field="source_model", required=True, readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True)

    _sql_constraints = [
        (
            "source_unique",
            "UNIQUE (source_model, source_id)",
            "This work has already been billed.",
        )
    ]

    def _release(self, lines):
        """Forget the claims of the sources these sale order lines billed.

        Then tell the sources: a model that defines
        ``_service_billing_released(orders)`` (a session, a visit...) gets it
        called on its records, to become billable again.
        """
        pairs = {(line.service_source_model, line.service_source_id) for line in lines}
        pairs.discard((False, 0))
        domain = []
        for model, res_id in pairs:
            clause = ["&", ("source_model", "=", model), ("source_id", "=", res_id)]
            domain = ["|", *clause, *domain] if domain else clause
        if domain:
            self.search(domain).unlink()
        by_model = {}
        for model, res_id in pairs:
            by_model.setdefault(model, []).append(res_id)
        for model, ids in by_model.items():
            if model in self.env and hasattr(
                self.env[model], "_service_billing_released"
            ):
                self.env[model].browse(ids).exists()._service_billing_released(
                    lines.order_id
                )

    def _claim(self, source):
        """Claim ``source``; False when it was billed already."""
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
        return bool(self.env.cr.fetchone())
