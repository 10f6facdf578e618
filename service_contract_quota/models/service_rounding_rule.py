from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib.rounding import RoundingRule, billable_of_entries, billable_quantity


class ServiceRoundingRule(models.Model):
    _name = "service.rounding.rule"
    _description = "Service Rounding Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True)
    minimum_minutes = fields.Integer(
        string="Start counting from (min)",
        help="Minimum billable minutes: any work beyond the grace period is billed "
        "at least this long. Up to the company's bound (999 by default).",
    )
    step_minutes = fields.Integer(
        string="Step (min)",
        help="Time past the minimum is rounded to steps of this many minutes, "
        "counted from the minimum (5 then 15: 5, 20, 35...). With minimum and "
        "step both 0, a piece of work with any time is billed as one unit.",
    )
    mode = fields.Selection(
        [("up", "Round up"), ("nearest", "Round to nearest"), ("down", "Round down")],
        required=True,
        default="up",
    )
    grace_seconds = fields.Integer(
        help="Timed work no longer than this is a false start and is not billed. "
        "Rules billing one unit per piece of work ignore it: clear a false start "
        "with Reset or Cancel before finishing."
    )
    apply_to = fields.Selection(
        [("work", "The total of each piece of work"), ("entry", "Each time entry")],
        string="Round",
        required=True,
        default="work",
        help="Work logged as several time entries (a ticket's timesheet lines): "
        "round their total once, or each entry on its own and add them up.",
    )
    per_unit = fields.Boolean(
        compute="_compute_per_unit",
        help="Minimum and step are 0: each piece of work is billed as one unit.",
    )

    @api.depends("minimum_minutes", "step_minutes")
    def _compute_per_unit(self):
        for rule in self:
            rule.per_unit = not rule.minimum_minutes and not rule.step_minutes

    @api.constrains("minimum_minutes", "step_minutes", "grace_seconds")
    def _check_ranges(self):
        for rule in self:
            bound = rule._max_minutes()
            if not 0 <= rule.minimum_minutes <= bound:
                raise ValidationError(
                    self.env._(
                        "Rounding rule %(rule)s: start counting from 0 to %(bound)s "
                        "minutes, not %(value)s.",
                        rule=rule.name,
                        bound=bound,
                        value=rule.minimum_minutes,
                    )
                )
            if not 0 <= rule.step_minutes <= bound:
                raise ValidationError(
                    self.env._(
                        "Rounding rule %(rule)s: steps of 0 to %(bound)s minutes, "
                        "not %(value)s.",
                        rule=rule.name,
                        bound=bound,
                        value=rule.step_minutes,
                    )
                )
            if rule.grace_seconds < 0:
                raise ValidationError(
                    self.env._(
                        "Rounding rule %(rule)s: the grace period cannot be negative.",
                        rule=rule.name,
                    )
                )

    def _max_minutes(self):
        company = self.company_id or self.env.company
        return company.service_rounding_max_minutes or 999

    def _to_lib(self):
        self.ensure_one()
        return RoundingRule(
            minimum=self.minimum_minutes,
            step=self.step_minutes,
            mode=self.mode,
            grace_seconds=self.grace_seconds,
            max_minutes=max(
                self._max_minutes(), self.minimum_minutes, self.step_minutes, 1
            ),
        )

    def billable_quantity(self, seconds):
        """Billable quantity for ``seconds`` of work: minutes, or 1 unit per
        piece. ``seconds`` may be a list of time entries of one piece of work,
        rounded as the rule's *Round* says."""
        self.ensure_one()
        entries = seconds if isinstance(seconds, list | tuple) else [seconds]
        for entry in entries:
            if entry < 0:
                message = self.env._(
                    "A duration cannot be negative (%(s)s s).", s=entry
                )
                raise ValidationError(message)
        if isinstance(seconds, list | tuple):
            return billable_of_entries(
                entries, self._to_lib(), self.apply_to == "entry"
            )
        return billable_quantity(seconds, self._to_lib())
