from odoo import fields, models


class ServiceQuotaHolder(models.AbstractModel):
    """Billable work that knows the customer's quota covering it (a ticket, a
    visit): found by the one coverage rule on the work's day, kept once a
    service manager chose another one or once the work is billed.

    Models say what to look up with ``_service_quota_request()`` and list
    what the lookup depends on by overriding ``_compute_service_quota_id``
    with their ``@api.depends``."""

    _name = "service.quota.holder"
    _inherit = "service.billable.mixin"
    _description = "Work covered by a contract quota"

    service_quota_id = fields.Many2one(
        "service.quota",
        string="Quota",
        compute="_compute_service_quota_id",
        store=True,
        readonly=False,
        tracking=True,
        index="btree_not_null",
        help="The customer's contract quota covering this work on its day; a "
        "service manager may choose another one.",
    )
    service_quota_manual = fields.Boolean(
        string="Quota chosen by a manager", readonly=True, copy=False
    )
    service_contract_id = fields.Many2one(
        related="service_quota_id.contract_id", string="Contract"
    )
    service_quota_remaining = fields.Float(
        related="service_quota_id.remaining", string="Remaining"
    )
    service_quota_unit = fields.Selection(related="service_quota_id.unit")

    def _service_quota_request(self):
        """(customer, product, day, company) to find this record's quota by,
        or None when it has none to look up."""
        raise NotImplementedError

    def _compute_service_quota_id(self):
        todo = self.filtered(
            lambda r: not r.service_quota_manual and not r.service_billed
        )
        requests = {record: record._service_quota_request() for record in todo}
        ready = [record for record, request in requests.items() if request]
        for record in todo:
            if not requests[record]:
                record.service_quota_id = False
        if not ready:
            return
        found = (
            self.env["service.quota"]
            .sudo()
            ._find_covering_many([requests[record] for record in ready])
        )
        for record, quota in zip(ready, found, strict=True):
            record.service_quota_id = quota.with_env(self.env)
