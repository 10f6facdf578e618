from collections import defaultdict
from decimal import Decimal

from odoo import Command, api, fields, models

from ..lib.plan import PlanItem, plan_item, quantize


class ServiceBilling(models.AbstractModel):
    """The engine's billing of prepared work: plan, orders, lines, ledger.

    Everything is prepared first, then written in batches: one order create
    per company, one line create, one ledger booking, one claim link.
    """

    _inherit = "service.billing"

    # --------------------------------------------------------------- billing
    def _bill_works(self, works, claimed):
        """Bill the new pieces of work: plan, orders, lines, ledger, in batches."""
        items = [item for work in works for item in work["items"]]
        quotas = self.env["service.quota"].sudo().union(*(i["quota"] for i in items))
        # Under REPEATABLE READ the snapshot is fixed: the balances read before
        # the lock are those after it, and a concurrent commit makes the lock
        # fail to serialise (retried), so the cache stays valid.
        quotas._lock()
        quotas.filtered("has_tiers").tier_ids.mapped("price")  # one read for all
        pricelists = self._pricelists(items)
        planned = self._plan(items, pricelists=pricelists)
        self._explain_uncovered(items)
        order_lines = defaultdict(list)  # (company, customer) -> [(owner, vals)]
        for item, item_plan in zip(items, planned, strict=True):
            key = (item["company"], item["partner"])
            for vals in self._prepare_line_vals(item, item_plan):
                vals["sequence"] = len(order_lines[key]) + 1
                order_lines[key].append((id(item), vals))
        orders = self._create_orders(works, pricelists, order_lines)
        lines, owners = self.env["sale.order.line"], []
        for key, order in orders.items():
            created = order.order_line.sorted("sequence")
            lines |= created
            owners += [owner for owner, _vals in order_lines[key]]
        item_lines = defaultdict(lambda: self.env["sale.order.line"])
        for owner, line in zip(owners, lines, strict=True):
            item_lines[owner] |= line
        # the claim links and the ledger rows (with their period totals): one
        # statement
        links = self._claim_links(works, claimed, item_lines)
        claims = self.env["service.billed.source"].sudo()
        self.env["service.quota.move"]._book_consumption(
            [
                self._prepare_move_vals(item, item_plan, item_lines[id(item)])
                for item, item_plan in zip(items, planned, strict=True)
                if item["quota"]
            ],
            also=claims._link_statement(links) if links else None,
        )
        claims._linked(links)
        self._notify_sources(works, lines)
        self._after_billing(lines.order_id)
        quotas._notify_balance()
        return lines

    def _plan(self, items, pricelists=None):
        """The plan of ``items`` (lib.plan), in order, against their quotas."""
        days = [(item["quota"], item["date"]) for item in items if item["quota"]]
        states = self.env["service.quota"].sudo()._plan_states(days)
        quantity_step = self._step("Product Unit of Measure")
        price_step = self._step("Product Price")
        result = []
        prices = {}
        if pricelists is None:
            pricelists = self._pricelists(items)
        self._known_combinations(items)
        for item in items:
            price, currency = self._list_price(item, pricelists, prices)
            item["currency"] = currency
            item["price"] = float(quantize(Decimal(str(price)), price_step))
            key = None
            if item["quota"]:
                key = (item["quota"].id, item["quota"]._period_of(item["date"])[0])
            plan_input = PlanItem(
                quantize(Decimal(str(item["quantity"])), quantity_step),
                Decimal(str(item["price"])),
                Decimal(str(item["discount"])),
                quota=key,
                per_quota_unit=self._per_quota_unit(item),
            )
            item_plan, after = plan_item(
                plan_input,
                states.get(key),
                quantity_step,
                Decimal(str(currency.rounding)),
            )
            if key:
                states[key] = after
            result.append(item_plan)
        return result

    def _known_combinations(self, items):
        """A variant's stored combination lists its attribute values: when it
        is empty, so is the variant's list of values (no price extra), known
        without reading the combination table for each price."""
        products = self.env["product.product"].union(*(i["product"] for i in items))
        plain = products.filtered(lambda product: not product.combination_indices)
        field = products._fields["product_template_attribute_value_ids"]
        self.env.cache.insert_missing(plain, field, [()] * len(plain))

    def _step(self, precision):
        digits = self.env["decimal.precision"].precision_get(precision)
        return Decimal(1).scaleb(-digits)

    def _pricelists(self, items):
        """{(company, customer): pricelist}, one lookup per company."""
        customers = defaultdict(set)
        for item in items:
            customers[item["company"]].add(item["partner"].id)
        result = {}
        for company, ids in customers.items():
            found = (
                self.env["product.pricelist"]
                .with_company(company)
                ._get_partner_pricelist_multi(list(ids))
            )
            for partner_id in ids:
                result[company, partner_id] = found.get(partner_id)
        return result

    def _list_price(self, item, pricelists=None, prices=None):
        """(unit price, currency) of the item's product for its customer."""
        company = item["company"]
        if pricelists is None:
            pricelists = self._pricelists([item])
        pricelist = (
            pricelists.get((company, item["partner"].id))
            or self.env["product.pricelist"]
        )
        currency = pricelist.currency_id or company.currency_id
        key = (
            pricelist.id,
            item["product"].id,
            item["uom"].id,
            item["quantity"],
            item["date"],
        )
        if prices is not None and key in prices:
            return prices[key], currency
        product = item["product"].with_company(company)
        if pricelist:
            price = pricelist.with_company(company)._get_product_price(
                product,
                item["quantity"] or 1.0,
                currency=currency,
                uom=item["uom"],
                date=item["date"],
            )
        else:
            price = product.uom_id._compute_price(product.lst_price, item["uom"])
        if prices is not None:
            prices[key] = price
        return price, currency

    def _per_quota_unit(self, item):
        """Quota units per product unit (None: one per piece of work)."""
        quota = item["quota"]
        if not quota or quota.unit == "session":
            return None
        factor = item["uom"]._compute_quantity(1.0, quota._unit_uom(), round=False)
        return Decimal(str(factor))

    def _create_orders(self, works, pricelists, order_lines):
        """One order per company and customer with its lines, created in one
        batch per company."""
        contacts = defaultdict(set)
        keys = []
        for work in works:
            key = (work["company"], work["partner"])
            if key not in contacts:
                keys.append(key)
            contacts[key].update(
                item["contact"] for item in work["items"] if item["contact"] != key[1]
            )
        orders = {}
        by_company = defaultdict(list)
        for key in keys:
            by_company[key[0]].append(key)
        pricelist = self.env["product.pricelist"]  # the customer's, found once
        for company, company_keys in by_company.items():
            vals_list = [
                dict(
                    self._prepare_order_vals(
                        partner, contacts[company, partner], company
                    ),
                    pricelist_id=(
                        pricelists.get((company, partner.id)) or pricelist
                    ).id,
                    order_line=[
                        Command.create(vals)
                        for _owner, vals in order_lines[company, partner]
                    ],
                )
                for company, partner in company_keys
            ]
            created = self.env["sale.order"].with_company(company).create(vals_list)
            orders.update(zip(company_keys, created, strict=True))
        return orders

    def _prepare_order_vals(self, partner, contacts, company):
        """The order goes to the customer; the contacts are its reference."""
        # Work already done: a quotation for it has no expiration date.
        vals = {
            "partner_id": partner.id,
            "company_id": company.id,
            "validity_date": False,
        }
        if contacts:
            names = sorted(contact.name or "" for contact in contacts)
            vals["client_order_ref"] = ", ".join(names)
        return vals

    def _prepare_line_vals(self, item, item_plan):
        """Sale line values of one item's plan (this prepares, it writes nothing)."""
        product, source = item["product"], item["sources"][0]
        base = dict(
            item["line_vals"],
            product_id=product.id,
            product_uom=item["uom"].id,
            service_source_model=source._name,
            service_source_id=source.id,
        )
        if item["quota"]:
            base["service_quota_id"] = item["quota"].id
        vals_list = []
        worked = self._worked_note(item)  # on the item's first line
        for line in item_plan.lines:
            note = self._line_note(item, item_plan, line)
            if worked:
                note, worked = "\n".join(filter(None, [note, worked])), ""
            vals_list.append(
                dict(
                    base,
                    name=f"{item['description']}\n{note}"
                    if note
                    else item["description"],
                    product_uom_qty=float(line.quantity),
                    price_unit=float(line.price),
                    discount=float(line.discount),
                    service_covered=line.covered,
                )
            )
        return vals_list

    def _explain_uncovered(self, items):
        """Say on each uncovered item why its customer's contract does not
        cover it (ended, not started, archived, other company or product)."""
        by_lang = defaultdict(list)
        for item in items:
            if not item["quota"] and "why" not in item:
                by_lang[item["partner"].lang or self.env.lang].append(item)
        quotas = self.env["service.quota"].sudo()
        for lang, group in by_lang.items():
            requests = [
                (i["partner"], i["product"], i["date"], i["company"]) for i in group
            ]
            reasons = quotas._why_not_covered_many(requests, lang=lang)
            for item, why in zip(group, reasons, strict=True):
                item["why"] = why

    def _line_note(self, item, item_plan, line):
        """Why a line is priced as it is, in the customer's language."""
        quota = item["quota"]
        if not quota:
            return item.get("why") or ""
        env = self.with_context(lang=item["partner"].lang or self.env.lang).env
        contract = quota.contract_id.display_name
        if not line.covered:
            if line.tier_price:
                return env._(
                    "Beyond the quota of contract %(contract)s, overage price.",
                    contract=contract,
                )
            return env._(
                "Beyond the quota of contract %(contract)s.", contract=contract
            )
        values = {
            "contract": contract,
            "covered": self._fmt(item_plan.covered),
            "remaining": self._fmt(item_plan.remaining),
            "end": fields.Date.to_string(quota._period_of(item["date"])[1]),
        }
        if quota.unit == "minute":
            return env._(
                "Covered by contract %(contract)s: %(covered)s minutes; "
                "%(remaining)s minutes remain until %(end)s.",
                **values,
            )
        if quota.unit == "hour":
            return env._(
                "Covered by contract %(contract)s: %(covered)s hours; "
                "%(remaining)s hours remain until %(end)s.",
                **values,
            )
        if quota.unit == "session":
            return env._(
                "Covered by contract %(contract)s: %(covered)s sessions / incidents; "
                "%(remaining)s remain until %(end)s.",
                **values,
            )
        return env._(
            "Covered by contract %(contract)s: %(covered)s units; "
            "%(remaining)s units remain until %(end)s.",
            **values,
        )

    @staticmethod
    def _fmt(value):
        return f"{float(value):g}"

    def _claim_links(self, works, claimed, item_lines):
        """(claim id, line id) pairs: every source of a piece of work is
        linked to all of its lines."""
        pairs = []
        for work in works:
            lines = self.env["sale.order.line"].union(
                *(item_lines[id(item)] for item in work["items"])
            )
            pairs += [(claimed[key], line.id) for key in work["keys"] for line in lines]
        return pairs

    def _prepare_move_vals(self, item, item_plan, lines):
        source = item["sources"][0]
        return {
            "name": item["description"].split("\n")[0],
            "quota_id": item["quota"].id,
            "date": item["date"],
            "period_start": item["quota"]._period_of(item["date"])[0],
            "quantity": float(item_plan.covered),
            "overage_quantity": float(item_plan.overage),
            "source_model": source._name,
            "source_id": source.id,
            "sale_line_id": lines[:1].id,
        }

    def _notify_sources(self, works, lines, released=False):
        """Refresh the billed figures of billable sources and call their hook."""
        keys = [key for work in works for key in work["keys"]]
        self._notify_keys(keys, lines, released)

    def _notify_keys(self, keys, lines, released=False):
        for records in self._billable_sources(keys):
            records._service_refresh_billing()
            if released:
                records._service_billing_released(lines)
            else:
                records._service_billing_billed(lines)

    def _after_billing(self, orders):
        """Confirm, and invoice and post, as each company's settings say (batched)."""
        for company in orders.company_id:
            company_orders = orders.filtered(lambda o, c=company: o.company_id == c)
            if company.service_auto_confirm or company.service_auto_invoice:
                company_orders.action_confirm()
            if company.service_auto_invoice:
                invoices = company_orders._create_invoices()
                invoices.action_post()

    # --------------------------------------------------------------- preview
    @api.model
    def _preview(self, item):
        """What billing ``item`` now would give, without writing anything.

        Same item as :meth:`bill` (no source needed) and the same plan: what
        is shown is what is billed. Returns ``quantity`` (billable, product
        unit), ``covered`` and ``billed`` (to pay, product unit), ``amount``
        (untaxed, what the customer pays), ``currency``, ``quota`` (record or
        empty), ``remaining`` (quota unit after this work; False without quota)
        and ``lines`` (the plan's lines).
        """
        item = self._prepare_item(item, need_source=False)
        item_plan = self._plan([item])[0]
        self._explain_uncovered([item])
        return {
            "quantity": float(item_plan.quantity),
            "covered": float(item_plan.covered_quantity),
            "billed": float(item_plan.quantity - item_plan.covered_quantity),
            "amount": float(item_plan.amount),
            "currency": item["currency"],
            "quota": item["quota"],
            "remaining": False
            if item_plan.remaining is None
            else float(item_plan.remaining),
            "lines": item_plan.lines,
            "why": item.get("why") or "",
            "uom": item["uom"],
        }
