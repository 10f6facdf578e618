from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib import explain as why
from ..lib.rounding import RoundingRule, billable_of_entries, billable_quantity

# Durations the form's examples show, in seconds.
EXAMPLE_SECONDS = (20, 60, 7 * 60, 12 * 60 + 30, 47 * 60)


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
    is_company_default = fields.Boolean(
        string="Default rule",
        compute="_compute_is_company_default",
        help="The company's default rule: it rounds work whose quota and service "
        "set no rule (Settings > Service).",
    )
    example_text = fields.Text(string="Examples", compute="_compute_example_text")

    @api.depends("minimum_minutes", "step_minutes")
    def _compute_per_unit(self):
        for rule in self:
            rule.per_unit = not rule.minimum_minutes and not rule.step_minutes

    @api.depends_context("company")
    def _compute_is_company_default(self):
        default = self.env.company.service_rounding_rule_id
        for rule in self:
            rule.is_company_default = rule._origin == default

    @api.depends("minimum_minutes", "step_minutes", "mode", "grace_seconds")
    @api.depends_context("lang")
    def _compute_example_text(self):
        for rule in self:
            try:
                lib_rule = rule._to_lib()
            except (TypeError, ValueError):
                rule.example_text = False  # out of range: the form says why on save
                continue
            lines = []
            for seconds in EXAMPLE_SECONDS:
                quantity, reason = why.explain(seconds, lib_rule)
                lines.append(
                    self.env._(
                        "%(explanation)s Billed: %(quantity)s.",
                        explanation=rule._explain_reason(seconds, reason),
                        quantity=quantity,
                    )
                )
            rule.example_text = "\n".join(lines)

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

    @api.model
    def _format_worked(self, seconds):
        """12 min 30 s; 45 s."""
        seconds = round(seconds)
        minutes, rest = divmod(seconds, 60)
        if not minutes:
            return f"{rest} s"
        return f"{minutes} min {rest} s" if rest else f"{minutes} min"

    def explain_quantity(self, seconds, quantity=None):
        """Why ``seconds`` of work bill what they do under this rule, as a
        sentence; ``quantity``: what was billed, when known (a quantity changed
        on the order since is said so)."""
        self.ensure_one()
        expected, reason = why.explain(max(seconds or 0, 0), self._to_lib())
        if quantity is not None and abs(quantity - expected) > 1e-6:
            return self.env._(
                "%(worked)s worked; the billed quantity was changed on the order.",
                worked=self._format_worked(seconds or 0),
            )
        return self._explain_reason(seconds or 0, reason)

    def _explain_reason(self, seconds, reason):
        worked = self._format_worked(seconds)
        step = self.step_minutes or 1
        if reason == why.NOTHING:
            return self.env._("No time recorded.")
        if reason == why.PER_UNIT:
            return self.env._(
                "%(worked)s worked, billed as one unit per piece of work.",
                worked=worked,
            )
        if reason == why.FALSE_START:
            return self.env._(
                "%(worked)s worked: a false start (%(grace)s s or less), not billed.",
                worked=worked,
                grace=self.grace_seconds,
            )
        if reason == why.MINIMUM:
            return self.env._(
                "%(worked)s worked, %(minimum)s min minimum.",
                worked=worked,
                minimum=self.minimum_minutes,
            )
        if reason == why.STEP and self.mode == "up":
            return self.env._(
                "%(worked)s worked, rounded up to %(step)s-minute steps.",
                worked=worked,
                step=step,
            )
        if reason == why.STEP and self.mode == "down":
            return self.env._(
                "%(worked)s worked, rounded down to %(step)s-minute steps.",
                worked=worked,
                step=step,
            )
        if reason == why.STEP:
            return self.env._(
                "%(worked)s worked, rounded to the nearest %(step)s-minute step.",
                worked=worked,
                step=step,
            )
        return self.env._("%(worked)s worked.", worked=worked)

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
