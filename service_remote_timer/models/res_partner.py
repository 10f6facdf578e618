from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    service_remote_access_ids = fields.One2many(
        "service.remote.access",
        "partner_id",
        string="Remote access IDs",
        groups="service_contract_quota.group_service_technician",
    )
