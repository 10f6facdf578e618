from odoo import fields, models
from odoo.tools import SQL


class ServiceBilledSource(models.Model):
    """The claim that a source record (session, ticket, timesheet, visit) is billed.

    The one place that says "billed": one row per source, unique in the
    database, linked to the sale order lines that billed it. Sources billed
    together (the items of one piece of work) are linked to all the lines of
    that work, so releasing any of its lines releases all of it.

    The engine inserts claims with ``ON CONFLICT DO NOTHING``: under
    REPEATABLE READ a concurrent transaction that billed the same source and
    committed makes that insert fail with a serialization error, so Odoo's
    retry runs the call again and finds the committed claim.
    """

    _name = "service.billed.source"
    _description = "Billed Service Source"

    source_model = fields.Char(required=True, readonly=True, index=True)
    source_id = fields.Many2oneReference(
        model_field="source_model", required=True, readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    sale_line_ids = fields.Many2many(
        "sale.order.line",
        "service_billed_source_sale_line_rel",
        "claim_id",
        "line_id",
        readonly=True,
        string="Sale order lines",
    )

    _sql_constraints = [
        (
            "source_unique",
            "UNIQUE (source_model, source_id)",
            "This work has already been billed.",
        )
    ]

    def _claim(self, keys, company_ids):
        """Claim the sources ``keys`` [(model, id)]; return {key: claim id} of
        the new claims (sources billed before are not in it)."""
        if not keys:
            return {}
        # one array per column: the statement's size does not grow with the keys
        self.env.cr.execute(
            SQL(
                """INSERT INTO service_billed_source
                       (source_model, source_id, company_id, create_uid, write_uid,
                        create_date, write_date)
                   SELECT k.model, k.res_id, k.company_id, %(uid)s, %(uid)s,
                          now() at time zone 'UTC', now() at time zone 'UTC'
                     FROM unnest(%(models)s::varchar[], %(ids)s::int[],
                                 %(companies)s::int[]) AS k(model, res_id, company_id)
                   ON CONFLICT (source_model, source_id) DO NOTHING
                   RETURNING source_model, source_id, id""",
                uid=self.env.uid,
                models=[model for model, _res_id in keys],
                ids=[res_id for _model, res_id in keys],
                companies=[company_ids[key] for key in keys],
            )
        )
        return {(model, res_id): id_ for model, res_id, id_ in self.env.cr.fetchall()}

    def _link(self, pairs):
        """Link claims to sale lines: ``pairs`` of (claim id, line id)."""
        if not pairs:
            return
        self.env.cr.execute(self._link_statement(pairs))
        self._linked(pairs)

    def _link_statement(self, pairs):
        """The statement linking ``pairs`` (run alone by :meth:`_link`, or
        with the ledger rows of the same call by the engine, then
        :meth:`_linked`)."""
        return SQL(
            "INSERT INTO service_billed_source_sale_line_rel (claim_id, line_id) "
            "SELECT * FROM unnest(%s::int[], %s::int[]) ON CONFLICT DO NOTHING",
            [claim for claim, _line in pairs],
            [line for _claim, line in pairs],
        )

    def _linked(self, pairs):
        """Forget the cached lines of the claims ``pairs`` linked."""
        claims = self.browse({claim for claim, _line in pairs})
        claims.invalidate_recordset(["sale_line_ids"])

    def _of(self, keys):
        """The existing claims of the sources ``keys`` [(model, id)]."""
        if not keys:
            return self.browse()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM service_billed_source "
                "WHERE (source_model, source_id) IN %s",
                tuple(keys),
            )
        )
        return self.browse([row[0] for row in self.env.cr.fetchall()])
