from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working hours",
        default=lambda self: self.env.company.resource_calendar_id,
        check_company=True,
        help="SLA targets run in these working hours and their time zone; its "
        "public holidays do not count. Empty: the company's working hours.",
    )
    sla_level_id = fields.Many2one(
        "helpdesk.sla.level",
        string="Default SLA level",
        check_company=True,
        help="For customers whose contract has no SLA level.",
    )
    auto_close_days = fields.Integer(
        string="Close after silent days",
        default=3,
        help="A ticket waiting on the customer closes itself, with a polite "
        "message, when the customer has not written for this many days; "
        "0 never closes.",
    )
    auto_close_stage_id = fields.Many2one(
        "helpdesk.ticket.stage",
        string="Closing stage",
        domain="[('closed', '=', True), '|', ('team_ids', '=', False), "
        "('team_ids', '=', id)]",
        help="Where silent tickets go; empty: the first closed stage.",
    )

    _sql_constraints = [
        (
            "auto_close_days_not_negative",
            "CHECK (auto_close_days >= 0)",
            "Days before closing a silent ticket are 0 (never) or more.",
        ),
    ]

    @api.constrains("auto_close_days")
    def _check_auto_close_days(self):
        for team in self:
            if team.auto_close_days < 0:
                raise ValidationError(
                    self.env._(
                        "Team %(team)s: silent tickets close after 0 (never) or more "
                        "days.",
                        team=team.display_name,
                    )
                )

    @api.constrains("resource_calendar_id")
    def _check_resource_calendar_id(self):
        for team in self:
            calendar = team.resource_calendar_id
            if calendar and not calendar.attendance_ids.filtered(
                lambda a: a.day_period != "lunch" and a.hour_to > a.hour_from
            ):
                raise ValidationError(
                    self.env._(
                        "Working hours %(calendar)s have no working time: SLA "
                        "deadlines of team %(team)s could never be met.",
                        calendar=calendar.display_name,
                        team=team.display_name,
                    )
                )

    # The helpers below take one team or none (a ticket without a team).

    def _sla_closing_stage(self):
        """The stage silent tickets of this team close into."""
        return (
            self.auto_close_stage_id
            or (self._get_applicable_stages().filtered("closed")[:1])
        )

    def _sla_reopen_stage(self):
        """The stage a ticket goes back to when its customer writes again:
        the first open stage in which the team works on it."""
        stages = self._get_applicable_stages().filtered(
            lambda s: not s.closed and not s.waiting_customer
        )
        return stages.filtered(lambda s: not s.unattended)[:1] or stages[:1]
