from decimal import Decimal

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import format_amount

from .service_remote_session import OPEN_STATES


def _text(value):
    """A Decimal (or float) as plain decimal text, never in exponent form."""
    return format(Decimal(str(value)), "f")


class ServiceRemoteSession(models.Model):
    """What the console says about the price before and while the clock runs.

    The banner and the live plan come from the billing engine's own preparation
    and plan of the session (the same as Pause and Finish & bill use), computed
    once when the session is read: the browser then recomputes the bill of the
    running clock every second from the plan's parameters, without a server call.
    """

    _inherit = "service.remote.session"

    live_plan = fields.Json(
        compute="_compute_console_pricing",
        help="Parameters of the billing plan (rounding rule, prices, quota left, "
        "tiers) with which the console computes the running bill itself.",
    )
    price_banner = fields.Text(compute="_compute_console_pricing")
    price_banner_level = fields.Selection(
        [("info", "Info"), ("warning", "Warning"), ("danger", "Danger")],
        compute="_compute_console_pricing",
    )

    @api.depends(
        "partner_id",
        "contact_id",
        "product_id",
        "quota_id",
        "company_id",
        "state",
        "started_at",
    )
    def _compute_console_pricing(self):
        for session in self:
            plan, banner, level = False, False, False
            if (
                session.state in OPEN_STATES
                and session.partner_id
                and session.product_id
            ):
                try:
                    plan, banner, level = session._console_pricing()
                except (UserError, ValidationError) as error:
                    # billing would refuse it: say why now, not at Finish
                    banner, level = error.args[0], "danger"
            session.live_plan = plan
            session.price_banner = banner
            session.price_banner_level = level

    def _console_pricing(self):
        """(live plan, banner, banner level) of this open session."""
        self.ensure_one()
        engine = self.env["service.billing"]
        item = engine._prepare_item(self._billing_item(preview=True), need_source=False)
        engine._plan([item])  # the item's unit price and currency, as billed
        quota = item["quota"]
        state = None
        if quota:
            start = quota._period_of(item["date"])[0]
            state = quota._plan_states([(quota, item["date"])])[quota.id, start]
        plan = self._live_plan_vals(engine, item, state)
        banner, level = self._price_banner(item, state)
        return plan, banner, level

    def _live_plan_vals(self, engine, item, state):
        """The plan's parameters as JSON (decimals as text: no float drift)."""
        rule = engine._rounding_rule(item["product"], item["quota"])
        quota = None
        if state is not None:
            factor = engine._per_quota_unit(item)
            quota = {
                "remaining": _text(state.remaining),
                "overage_used": _text(state.overage_used),
                "tiers": [
                    [
                        _text(tier.start),
                        None if tier.stop is None else _text(tier.stop),
                        _text(tier.price),
                    ]
                    for tier in state.tiers
                ],
                "per_quota_unit": None if factor is None else _text(factor),
            }
        return {
            "rule": {
                "minimum": rule.minimum_minutes,
                "step": rule.step_minutes,
                "mode": rule.mode,
                "grace_seconds": rule.grace_seconds,
                "per_unit": rule.per_unit,
            },
            "price": _text(item["price"]),
            "discount": _text(item["discount"]),
            "quantity_step": _text(engine._step("Product Unit of Measure")),
            "money_step": _text(item["currency"].rounding),
            "currency_id": item["currency"].id,
            "quota": quota,
        }

    # ---------------------------------------------------------------- banner
    def _price_banner(self, item, state):
        """(text, level) saying what the customer pays, or (False, False)."""
        quota = item["quota"]
        if not quota:
            return self._banner_uncovered(item)
        price, overage = item["price"], False
        for tier in state.tiers:
            if tier.stop is None or state.overage_used < tier.stop:
                price, overage = float(tier.price), True
                break
        balances = quota._balances_for(item["date"])
        allowance = balances["period_allowance"]
        remaining = float(state.remaining)
        values = dict(
            self._price_values(price, item),
            quota=quota.name,
            contract=quota.contract_id.display_name,
            end=fields.Date.to_string(balances["period_end"]),
        )
        by_minute = values.pop("by_minute")
        if remaining <= 0:
            return self._banner_used_up(values, by_minute, overage), "danger"
        if allowance and remaining * 100.0 / allowance <= quota.low_balance_threshold:
            values.update(
                remaining=f"{remaining:g}",
                allowance=f"{allowance:g}",
                threshold=quota.low_balance_threshold,
            )
            if by_minute:
                text = self.env._(
                    "Quota %(quota)s of contract %(contract)s is low: %(remaining)s "
                    "of %(allowance)s left (alert at %(threshold)s %%). Beyond it: "
                    "%(price)s per minute.",
                    **values,
                )
            else:
                text = self.env._(
                    "Quota %(quota)s of contract %(contract)s is low: %(remaining)s "
                    "of %(allowance)s left (alert at %(threshold)s %%). Beyond it: "
                    "%(price)s per %(unit)s.",
                    **values,
                )
            return text, "warning"
        return False, False

    def _banner_used_up(self, values, by_minute, overage):
        if overage and by_minute:
            return self.env._(
                "Quota %(quota)s of contract %(contract)s is used up until %(end)s: "
                "billed at the overage price: %(price)s per minute.",
                **values,
            )
        if overage:
            return self.env._(
                "Quota %(quota)s of contract %(contract)s is used up until %(end)s: "
                "billed at the overage price: %(price)s per %(unit)s.",
                **values,
            )
        if by_minute:
            return self.env._(
                "Quota %(quota)s of contract %(contract)s is used up until %(end)s: "
                "billed at list price: %(price)s per minute.",
                **values,
            )
        return self.env._(
            "Quota %(quota)s of contract %(contract)s is used up until %(end)s: "
            "billed at list price: %(price)s per %(unit)s.",
            **values,
        )

    def _banner_uncovered(self, item):
        """No quota covers the work: why (contract ended, not started...) and
        the list price, or that there is no contract at all."""
        customer = item["partner"]
        values = self._price_values(item["price"], item)
        by_minute = values.pop("by_minute")
        why = (
            self.env["service.quota"]
            .sudo()
            ._why_not_covered_many(
                [(customer, item["product"], item["date"], item["company"])],
                lang=self.env.lang,
            )[0]
        )
        if not why:
            values.update(
                customer=customer.display_name, service=item["product"].display_name
            )
            if by_minute:
                text = self.env._(
                    "No contract of %(customer)s covers %(service)s: billed at list "
                    "price: %(price)s per minute.",
                    **values,
                )
            else:
                text = self.env._(
                    "No contract of %(customer)s covers %(service)s: billed at list "
                    "price: %(price)s per %(unit)s.",
                    **values,
                )
            return text, "info"
        if by_minute:
            billed = self.env._("Billed at list price: %(price)s per minute.", **values)
        else:
            billed = self.env._(
                "Billed at list price: %(price)s per %(unit)s.", **values
            )
        parts = [why, billed]
        level = "warning"
        quota = self._uncovering_quota(customer, item["product"])
        if quota.date_start and quota.date_end:
            parts.append(
                self.env._(
                    "Quota %(quota)s: valid from %(start)s to %(end)s.",
                    quota=quota.name,
                    start=fields.Date.to_string(quota.date_start),
                    end=fields.Date.to_string(quota.date_end),
                )
            )
        elif quota.date_start:
            parts.append(
                self.env._(
                    "Quota %(quota)s: valid from %(start)s.",
                    quota=quota.name,
                    start=fields.Date.to_string(quota.date_start),
                )
            )
        if quota.date_end and quota.date_end < item["date"]:
            level = "danger"
        return " ".join(parts), level

    def _uncovering_quota(self, customer, product):
        """The customer's quota the engine's reason names: one that lists the
        service, else any of theirs."""
        quotas = (
            self.env["service.quota"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "=", customer.commercial_partner_id.id)])
        )
        return quotas._naming(product)[:1] or quotas[:1]

    def _price_values(self, price, item):
        """The unit price as shown (1.50 EUR) and the unit it is per."""
        return {
            "price": format_amount(self.env, price, item["currency"]),
            "unit": item["uom"].name,
            "by_minute": item["uom"] == self.env["service.billing"]._minute_uom(),
        }
