from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskSlaLevel(models.Model):
    """A service level sold with a contract: how fast the customer hears back
    and how fast a ticket is solved, in the team's working hours."""

    _name = "helpdesk.sla.level"
    _description = "Helpdesk SLA Level"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True)
    description = fields.Text(translate=True)
    target_ids = fields.One2many(
        "helpdesk.sla.target", "level_id", string="Targets", copy=True
    )
    warning_percent = fields.Integer(
        string="Warn at (%)",
        default=75,
        help="Share of a target's working time after which the assignee gets an "
        "activity warning of the coming deadline.",
    )

    _sql_constraints = [
        (
            "warning_percent_range",
            "CHECK (warning_percent > 0 AND warning_percent < 100)",
            "The warning comes between 1 % and 99 % of a target.",
        ),
    ]

    @api.constrains("warning_percent")
    def _check_warning_percent(self):
        for level in self:
            if not 0 < level.warning_percent < 100:
                raise ValidationError(
                    self.env._(
                        "SLA level %(level)s warns between 1 %% and 99 %% of a target, "
                        "not at %(percent)s %%.",
                        level=level.display_name,
                        percent=level.warning_percent,
                    )
                )

    def _target_for(self, priority, category):
        """The target of this level for a ticket of ``priority`` and
        ``category``: the category's own target, else the priority's."""
        self.ensure_one()
        targets = self.target_ids.filtered(lambda t: t.priority == priority)
        return (
            targets.filtered(lambda t: t.category_id == category)[:1]
            or (targets.filtered(lambda t: not t.category_id)[:1])
        )


class HelpdeskSlaTarget(models.Model):
    _name = "helpdesk.sla.target"
    _description = "Helpdesk SLA Target"
    _order = "level_id, priority desc, category_id, id"

    level_id = fields.Many2one(
        "helpdesk.sla.level", required=True, ondelete="cascade", index=True
    )
    priority = fields.Selection("_selection_priority", required=True, default="1")
    category_id = fields.Many2one(
        "helpdesk.ticket.category",
        ondelete="cascade",
        help="Leave empty for every category without a target of its own.",
    )
    first_response_hours = fields.Float(
        string="First response (h)",
        help="Working hours until the customer hears from us; 0: no target.",
    )
    resolution_hours = fields.Float(
        string="Resolution (h)",
        help="Working hours until the ticket is solved; 0: no target.",
    )

    _sql_constraints = [
        (
            "hours_not_negative",
            "CHECK (first_response_hours >= 0 AND resolution_hours >= 0)",
            "A target is a number of working hours, 0 or more.",
        ),
    ]

    @api.model
    def _selection_priority(self):
        return (
            self.env["helpdesk.ticket"]
            ._fields["priority"]
            ._description_selection(self.env)
        )

    @api.constrains("level_id", "priority", "category_id")
    def _check_one_target(self):
        for target in self:
            same = target.level_id.target_ids.filtered(
                lambda t, target=target: t.priority == target.priority
                and t.category_id == target.category_id
            )
            if len(same) > 1:
                raise ValidationError(
                    self.env._(
                        "SLA level %(level)s has two targets for the same priority "
                        "and category.",
                        level=target.level_id.display_name,
                    )
                )

    @api.constrains("first_response_hours", "resolution_hours")
    def _check_hours(self):
        for target in self:
            if target.first_response_hours < 0 or target.resolution_hours < 0:
                raise ValidationError(
                    self.env._(
                        "SLA level %(level)s: a target is a number of working hours, "
                        "0 (none) or more.",
                        level=target.level_id.display_name,
                    )
                )
            if (
                target.first_response_hours
                and target.resolution_hours
                and target.first_response_hours > target.resolution_hours
            ):
                raise ValidationError(
                    self.env._(
                        "The first response of SLA level %(level)s cannot come "
                        "after the resolution.",
                        level=target.level_id.display_name,
                    )
                )
