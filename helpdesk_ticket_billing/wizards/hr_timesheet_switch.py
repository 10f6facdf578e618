from odoo import api, fields, models


class HrTimesheetSwitch(models.TransientModel):
    _inherit = "hr.timesheet.switch"

    service_warnings = fields.Text(readonly=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("service_warnings"):
            values["service_warnings"] = self.env.context["service_warnings"]
        return values
