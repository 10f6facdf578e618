from odoo import api, fields, models


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
    service_remote_max_interval_hours = fields.Integer(
        string="Longest interval without a manager (h)",
        default=12,
        help="A session with a clock interval longer than this is finished (and "
        "its intervals corrected) by a service manager only.",
    )

    _sql_constraints = [
        (
            "service_remote_max_interval_positive",
            "CHECK (service_remote_max_interval_hours > 0)",
            "The longest interval without a manager must be at least one hour.",
        )
    ]

    @api.model
    def _service_remote_setup_project(self):
        """Give every company a "Remote Support" timesheet project (install).

        Created without an xml id, so that uninstalling the addon keeps the
        project and the timesheets logged on it.
        """
        projects = self.env["project.project"].with_context(active_test=False)
        for company in self.search([("service_remote_project_id", "=", False)]):
            project = projects.search(
                [
                    ("name", "=", "Remote Support"),
                    ("company_id", "in", [company.id, False]),
                    ("allow_timesheets", "=", True),
                ],
                limit=1,
            ) or projects.create(
                {
                    "name": "Remote Support",
                    "company_id": company.id,
                    "allow_timesheets": True,
                    "privacy_visibility": "employees",
                }
            )
            company.service_remote_project_id = project
