from odoo import models
from odoo.tools.misc import formatLang

from ..lib.explain import rounding_reason, worked_minutes
from ..lib.rounding import billable_minutes


class ServiceBilling(models.AbstractModel):
    """Why a billed quantity differs from the time worked, in words."""

    _inherit = "service.billing"

    def _worked_note(self, item):
        """The sentence of a prepared item's line saying why its billed
        minutes differ from the time worked, in the customer's language; ""
        when they do not, and for an item given as a quantity."""
        if "seconds" not in item:
            return ""
        rule = self._rounding_rule(item["product"], item["quota"])
        lang = item["partner"].lang or self.env.lang
        seconds = item["seconds"]
        if isinstance(seconds, list | tuple):  # time entries of one piece of work
            if rule and rule.apply_to == "entry" and not rule.per_unit:
                return self.with_context(lang=lang)._entries_note(
                    seconds, rule, int(item["quantity"])
                )
            seconds = sum(seconds)
        return self.with_context(lang=lang)._quantity_note(seconds, rule)

    def _entries_note(self, entries, rule, billed):
        """Why time entries rounded one by one bill ``billed`` minutes ("" when
        that is the time worked)."""
        worked = worked_minutes(sum(entries))
        if worked == billed:
            return ""
        digits = 0 if worked % 1 == 0 else 1
        return self.env._(
            "%(worked)s min worked in %(count)s entries, %(billed)s min billed: "
            "each entry rounded by rule %(rule)s.",
            worked=formatLang(self.env, float(worked), digits=digits),
            count=len(entries),
            billed=billed,
            rule=rule.name,
        )

    def _quantity_note(self, seconds, rule):
        """Why ``seconds`` of work bill what ``rule`` (service.rounding.rule)
        makes of them, in the context's language: "0.7 min worked, 10 min
        minimum."; "" when the billed minutes are the time worked."""
        if not rule:
            return ""
        lib_rule = rule._to_lib()
        reason = rounding_reason(seconds, lib_rule)
        if not reason:
            return ""
        env = self.env
        worked = worked_minutes(seconds)
        digits = 0 if worked % 1 == 0 else 1
        values = {
            "worked": formatLang(env, float(worked), digits=digits),
            "billed": billable_minutes(seconds, lib_rule),
            "minimum": lib_rule.minimum,
            "step": lib_rule.step or 1,
        }
        if reason == "minimum":
            return env._("%(worked)s min worked, %(minimum)s min minimum.", **values)
        if lib_rule.minimum % values["step"]:
            # steps count from the minimum: 5 then 15 bills 5, 20, 35...
            return self._note_after_minimum(lib_rule.mode, values)
        if values["step"] == 1:
            if lib_rule.mode == "down":
                return env._(
                    "%(worked)s min worked, %(billed)s min billed: rounded down to "
                    "whole minutes.",
                    **values,
                )
            if lib_rule.mode == "nearest":
                return env._(
                    "%(worked)s min worked, %(billed)s min billed: rounded to the "
                    "nearest minute.",
                    **values,
                )
            return env._(
                "%(worked)s min worked, %(billed)s min billed: rounded up to "
                "whole minutes.",
                **values,
            )
        if lib_rule.mode == "down":
            return env._(
                "%(worked)s min worked, %(billed)s min billed: rounded down to "
                "%(step)s-minute steps.",
                **values,
            )
        if lib_rule.mode == "nearest":
            return env._(
                "%(worked)s min worked, %(billed)s min billed: rounded to the "
                "nearest %(step)s minutes.",
                **values,
            )
        return env._(
            "%(worked)s min worked, %(billed)s min billed: rounded up to "
            "%(step)s-minute steps.",
            **values,
        )

    def _note_after_minimum(self, mode, values):
        env = self.env
        if mode == "down":
            return env._(
                "%(worked)s min worked, %(billed)s min billed: %(minimum)s min "
                "minimum, then rounded down to %(step)s-minute steps.",
                **values,
            )
        if mode == "nearest":
            return env._(
                "%(worked)s min worked, %(billed)s min billed: %(minimum)s min "
                "minimum, then rounded to the nearest %(step)s minutes.",
                **values,
            )
        return env._(
            "%(worked)s min worked, %(billed)s min billed: %(minimum)s min "
            "minimum, then rounded up to %(step)s-minute steps.",
            **values,
        )
