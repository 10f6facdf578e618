from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    service_remote_product_id = fields.Many2one(
        "product.product",
        string="Default remote support service",
        domain=[("type", "=", "service"), ("sale_ok", "=", True)],
    )
    service_remote_project_id = fields.Many2one(
        "project.project",
        string="Remote support timesheets project",
        domain=[("allow_timesheets", "=", True)],
    )
