from collections import defaultdict
from decimal import Decimal

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_round

from .service_quota import to_decimal


class ServiceBilling(models.AbstractModel):
    """The one billing engine of the suite.

    Every addon bills finished work through :meth:`bill`. Covered work becomes
    sale order lines at 100 % discount and is deducted from the contract quota
    (one ledger row per billed source); the rest is billed at the normal price
    of the customer's pricelist or at the quota's overage tier price.
    """

    _name = "service.billing"
    _description = "Service Billing Engine"

    @api.model
    def bill(self, items):
        """Bill ``items``; return the sale orders (one per customer).

        Each item is a dict:

        - ``partner_id``: the customer (id or record)
        - ``product_id``: a service product (id or record)
        - ``quantity``: in the product's unit, or ``seconds``: duration of
          timed work, rounded by the quota's, product's or company's rule
        - ``date``: day of the work (default today)
        - ``description``: line text (default: the product's sale description)
        - ``source``: the record billed (session, timesheet line, visit...)
        - ``quota_id`` (optional): the quota to settle against, chosen by a
          manager; it must cover the customer and the service on ``date``.
          False bills without quota. Without the key the engine finds it.

        Idempotent per source: a source billed before is not billed again and
        its existing order is returned. Bad input raises ``ValidationError``
        before anything is written.
        """
        prepared = [self._prepare_item(item) for item in items]
        orders = self.env["sale.order"]
        by_partner = defaultdict(list)
        for item in prepared:
            by_partner[item["partner"]].append(item)
        claims_model = self.env["service.billed.source"].sudo()
        for partner_items in by_partner.values():
            fresh = []
            for item in partner_items:
                if claims_model._claim(item["source"]):
                    fresh.append(item)
                else:
                    orders |= self._billed_order(item["source"])
            if fresh:
                order = self._bill_partner(fresh)
                orders |= order
        return orders

    def _billed_order(self, source):
        """The order that billed ``source`` (its lines name their source)."""
        line = (
            self.env["sale.order.line"]
            .sudo()
            .search(
                [
                    ("service_source_model", "=", source._name),
                    ("service_source_id", "=", source.id),
                    ("state", "!=", "cancel"),
                ],
                order="id desc",
                limit=1,
            )
        )
        return self.env["sale.order"].browse(line.order_id.id)

    @api.model
    def _demo_bill(self):
        """Demo data: a few pieces of work for the demo customers (idempotent)."""
        ref = self.env.ref
        today = fields.Date.context_today(self)
        work = [
            (
                "partner_acme_contact_demo",
                "product_remote_support_demo",
                45,
                "Printer driver",
            ),
            (
                "partner_acme_demo",
                "product_onsite_hour_demo",
                2.0,
                "Network switch replaced",
            ),
            ("partner_globex_demo", "product_incident_demo", 1, "Mail server down"),
            (
                "partner_initech_demo",
                "product_remote_support_demo",
                25,
                "VPN client setup",
            ),
        ]
        sources = self.env["res.partner"]
        for xmlid, product, quantity, description in work:
            partner = ref(f"service_contract_quota.{xmlid}")
            order = self.bill(
                [
                    {
                        "partner_id": partner.id,
                        "product_id": ref(f"service_contract_quota.{product}").id,
                        "quantity": quantity,
                        "date": today,
                        "description": description,
                        "source": partner,
                    }
                ]
            )
            sources |= partner
            # An xml id, so uninstalling the addon removes the demo orders too.
            self.env["ir.model.data"]._update_xmlids(
                [
                    {
                        "xml_id": f"service_contract_quota.sale_order_{xmlid}",
                        "record": order,
                        "noupdate": True,
                    }
                ]
            )
        return sources

    @api.model
    def _preview(self, item):
        """What billing ``item`` now would give, without writing anything.

        Same item as :meth:`bill` (``source`` not needed). Returns a dict:
        ``quantity`` (billable, product unit), ``covered`` and ``billed``
        (product unit), ``amount`` (untaxed, customer currency), ``currency``,
        ``quota`` (record or empty) and ``remaining`` (quota unit, after this
        work; False without quota).
        """
        item = self._prepare_item(item, need_source=False)
        product, quantity, quota = item["product"], item["quantity"], item["quota"]
        partner = item["partner"]
        pricelist = partner.property_product_pricelist
        currency = pricelist.currency_id or self.env.company.currency_id
        if pricelist:
            list_price = pricelist._get_product_price(
                product, quantity or 1.0, currency=currency, date=item["date"]
            )
        else:
            list_price = product.lst_price
        result = {
            "quantity": quantity,
            "covered": 0.0,
            "billed": quantity,
            "amount": currency.round(quantity * list_price),
            "currency": currency,
            "quota": quota,
            "remaining": False,
        }
        if not quota:
            return result
        quota_qty = self._quota_quantity(quota, product, quantity)
        allocation, balances = quota._allocate(quota_qty, item["date"])
        ratio = float(allocation.covered) / float(quota_qty) if quota_qty else 0.0
        covered = quantity * ratio
        amount = 0.0
        for band in allocation.bands:
            part = quantity * float(band.quantity) / float(quota_qty)
            price = list_price if band.price is None else float(band.price)
            amount += part * price
        remaining = (
            to_decimal(balances["period_allowance"])
            - to_decimal(balances["period_used"])
            - allocation.covered
        )
        result.update(
            covered=covered,
            billed=quantity - covered,
            amount=currency.round(amount),
            remaining=float(max(remaining, Decimal(0))),
        )
        return result

    # ----------------------------------------------------------- preparation
    def _prepare_item(self, item, need_source=True):
        partner = self._as_record("res.partner", item.get("partner_id"))
        product = self._as_record("product.product", item.get("product_id"))
        source = item.get("source")
        if not partner:
            raise ValidationError(self.env._("Choose the customer to bill."))
        if not product:
            raise ValidationError(self.env._("Choose the service to bill."))
        if product.type != "service" or not product.sale_ok:
            raise ValidationError(
                self.env._(
                    "%(product)s is not a service that can be sold.",
                    product=product.display_name,
                )
            )
        if need_source and (
            not isinstance(source, models.BaseModel) or len(source) != 1
        ):
            raise ValidationError(
                self.env._(
                    "Each billed item needs the one record it bills (its source)."
                )
            )
        if ("quantity" in item) == ("seconds" in item):
            raise ValidationError(
                self.env._(
                    "Give either a quantity or a duration for %(product)s.",
                    product=product.display_name,
                )
            )
        day = fields.Date.to_date(item.get("date")) or fields.Date.context_today(self)
        company = self.env.company
        if "quota_id" in item:
            quota = self._chosen_quota(item["quota_id"], partner, product, day)
        else:
            quota = (
                self.env["service.quota"]
                .sudo()
                ._find_covering(partner, product, day, company)
            )
        if "seconds" in item:
            quantity = self._quantity_from_seconds(item["seconds"], product, quota)
        else:
            quantity = item["quantity"]
            if quantity is None or quantity < 0:
                raise ValidationError(
                    self.env._(
                        "Quantity of %(product)s cannot be negative (%(quantity)s).",
                        product=product.display_name,
                        quantity=quantity,
                    )
                )
        return {
            "partner": partner.commercial_partner_id,
            "contact": partner,
            "product": product,
            "quantity": quantity,
            "date": day,
            "description": item.get("description")
            or product.get_product_multiline_description_sale(),
            "source": source,
            "quota": quota,
        }

    def _chosen_quota(self, value, partner, product, day):
        """The quota a manager chose for this work, checked."""
        quota = self._as_record("service.quota", value).sudo()
        if quota and (
            quota.partner_id != partner.commercial_partner_id
            or quota.company_id not in (self.env["res.company"], self.env.company)
            or not quota.covers(product, day)
        ):
            raise ValidationError(
                self.env._(
                    "Quota %(quota)s does not cover %(product)s for %(partner)s "
                    "on %(day)s.",
                    quota=quota.display_name,
                    product=product.display_name,
                    partner=partner.commercial_partner_id.display_name,
                    day=fields.Date.to_string(day),
                )
            )
        return quota

    def _as_record(self, model, value):
        # A missing record raises MissingError when first read, before any write.
        if isinstance(value, models.BaseModel):
            return value
        return self.env[model].browse(value) if value else self.env[model]

    def _rounding_rule(self, product, quota):
        return (
            quota.rounding_rule_id
            or product.service_rounding_rule_id
            or self.env.company.service_rounding_rule_id
        )

    def _quantity_from_seconds(self, seconds, product, quota):
        if seconds is None or seconds < 0:
            raise ValidationError(
                self.env._(
                    "The duration of %(product)s cannot be negative (%(seconds)s s).",
                    product=product.display_name,
                    seconds=seconds,
                )
            )
        rule = self._rounding_rule(product, quota)
        if not rule:
            raise ValidationError(
                self.env._(
                    "No rounding rule applies to %(product)s: set a default in "
                    "Settings > Service.",
                    product=product.display_name,
                )
            )
        billable = rule.billable_quantity(seconds)
        if rule.per_unit:
            return float(billable)
        minute = self.env.ref(
            "service_contract_quota.uom_minute", raise_if_not_found=False
        )
        if product.uom_id.category_id != minute.category_id:
            raise ValidationError(
                self.env._(
                    "%(product)s is sold in %(uom)s, not by time: give a quantity, "
                    "or use a rounding rule that bills one unit per piece of work.",
                    product=product.display_name,
                    uom=product.uom_id.name,
                )
            )
        return minute._compute_quantity(billable, product.uom_id, round=False)

    # --------------------------------------------------------------- billing
    def _prepare_order_vals(self, contact):
        """The order goes to the contact the work was done for."""
        return {"partner_id": contact.id}

    def _bill_partner(self, fresh):
        """One sale order for the new items of one customer."""
        quotas = (
            self.env["service.quota"].sudo().union(*(item["quota"] for item in fresh))
        )
        quotas._lock()
        line_vals, move_plans = [], []
        for item in fresh:
            lines, plan = self._prepare_item_lines(item)
            first = len(line_vals)
            line_vals += lines
            if plan:
                move_plans.append((plan, first, len(line_vals)))
        for sequence, vals in enumerate(line_vals, start=1):
            vals["sequence"] = sequence
        order_vals = self._prepare_order_vals(fresh[0]["contact"])
        order_vals["order_line"] = [Command.create(vals) for vals in line_vals]
        order = self.env["sale.order"].create(order_vals)
        self._write_ledger(order.order_line.sorted("sequence"), move_plans)
        self._after_billing(order)
        return order

    def _prepare_item_lines(self, item):
        """Sale line values of one item, and its ledger plan (None without quota)."""
        product, quantity, quota = item["product"], item["quantity"], item["quota"]
        base = {
            "service_source_model": item["source"]._name,
            "service_source_id": item["source"].id,
            "product_id": product.id,
            "product_uom": product.uom_id.id,
            "name": item["description"],
        }
        if not quota:
            return [dict(base, product_uom_qty=quantity)], None
        quota_qty = self._quota_quantity(quota, product, quantity)
        allocation, balances = quota._allocate(quota_qty, item["date"])
        precision = self.env["decimal.precision"].precision_get(
            "Product Unit of Measure"
        )
        unit = dict(quota._fields["unit"].selection)[quota.unit].lower()

        def product_qty(part):
            if not quota_qty:
                return 0.0
            return float_round(
                quantity * float(part / to_decimal(quota_qty)),
                precision_digits=precision,
            )

        remaining_after = (
            to_decimal(balances["period_allowance"])
            - to_decimal(balances["period_used"])
            - allocation.covered
        )
        vals_list = []
        if allocation.covered:
            note = self.env._(
                "Covered by contract %(contract)s: %(covered)s %(unit)s; "
                "%(remaining)s %(unit)s remain until %(end)s.",
                contract=quota.contract_id.display_name,
                covered=self._fmt(allocation.covered),
                remaining=self._fmt(max(remaining_after, Decimal(0))),
                unit=unit,
                end=fields.Date.to_string(balances["period_end"]),
            )
            vals_list.append(
                dict(
                    base,
                    product_uom_qty=product_qty(allocation.covered),
                    discount=100.0,
                    name=f"{item['description']}\n{note}",
                    service_quota_id=quota.id,
                    service_covered=True,
                )
            )
        for band in allocation.bands:
            if band.price is None:
                note = self.env._(
                    "Beyond the quota of contract %(contract)s.",
                    contract=quota.contract_id.display_name,
                )
                extra = {}
            else:
                note = self.env._(
                    "Beyond the quota of contract %(contract)s, overage price.",
                    contract=quota.contract_id.display_name,
                )
                extra = {"price_unit": float(band.price), "discount": 0.0}
            vals_list.append(
                dict(
                    base,
                    product_uom_qty=product_qty(band.quantity),
                    name=f"{item['description']}\n{note}",
                    service_quota_id=quota.id,
                    **extra,
                )
            )
        if not vals_list:  # nothing to bill (a false start): keep a trace at 0
            vals_list.append(dict(base, product_uom_qty=0.0, service_quota_id=quota.id))
        # Make the product quantities add up exactly to what was billed.
        billed = sum(vals["product_uom_qty"] for vals in vals_list)
        vals_list[-1]["product_uom_qty"] = float_round(
            vals_list[-1]["product_uom_qty"] + quantity - billed,
            precision_digits=precision,
        )
        quota._apply_consumption(
            balances, float(allocation.covered), float(allocation.uncovered)
        )
        plan = {
            "quota": quota,
            "date": item["date"],
            "period_start": balances["period_start"],
            "covered": float(allocation.covered),
            "overage": float(allocation.uncovered),
            "source": item["source"],
            "name": item["description"].split("\n")[0],
        }
        return vals_list, plan

    def _quota_quantity(self, quota, product, quantity):
        if quota.unit == "session":
            return 1.0 if quantity > 0 else 0.0
        return product.uom_id._compute_quantity(
            quantity, quota._unit_uom(), round=False
        )

    @staticmethod
    def _fmt(value):
        return f"{float(value):g}"

    def _write_ledger(self, lines, move_plans):
        move_vals = []
        for plan, first, last in move_plans:
            plan_lines = lines[first:last]
            move_vals.append(
                {
                    "name": plan["name"],
                    "quota_id": plan["quota"].id,
                    "date": plan["date"],
                    "period_start": plan["period_start"],
                    "move_type": "consumption",
                    "quantity": plan["covered"],
                    "overage_quantity": plan["overage"],
                    "source_model": plan["source"]._name,
                    "source_id": plan["source"].id,
                    "sale_line_id": plan_lines[:1].id,
                }
            )
        moves = self.env["service.quota.move"].sudo().create(move_vals)
        moves.quota_id._notify_balance()
        return moves

    def _after_billing(self, order):
        company = order.company_id
        if company.service_auto_confirm or company.service_auto_invoice:
            order.action_confirm()
        if company.service_auto_invoice:
            invoices = order._create_invoices()
            invoices.action_post()
