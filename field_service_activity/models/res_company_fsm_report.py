from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    service_fsm_project_id = fields.Many2one(
        "project.project",
        string="Field service project",
        check_company=True,
        help="Project of the technicians' time on site (timesheets); created "
        "when the first time of the company is logged.",
    )

    def _service_fsm_project(self):
        """The company's project for time on site, created on first use."""
        self.ensure_one()
        if self.service_fsm_project_id:
            return self.service_fsm_project_id
        project = (
            self.env["project.project"]
            .sudo()
            .with_company(self)
            .create(
                {
                    "name": self.env._("Field service"),
                    "company_id": self.id,
                    "allow_timesheets": True,
                    "privacy_visibility": "employees",
                }
            )
        )
        self.sudo().service_fsm_project_id = project
        return project.with_env(self.env)
