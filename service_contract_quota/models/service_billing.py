from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..lib.quota import is_amount

# Line values the engine owns; an item's extra ``line_vals`` may not set them.
ENGINE_LINE_FIELDS = {
    "order_id",
    "product_id",
    "product_uom",
    "product_uom_qty",
    "price_unit",
    "service_quota_id",
    "service_covered",
    "service_source_model",
    "service_source_id",
}


class ServiceBilling(models.AbstractModel):
    """The one billing engine of the suite.

    Every addon bills finished work through :meth:`bill`. Covered work becomes
    sale order lines at 100 % discount and is deducted from the contract quota;
    the rest is billed at the customer's pricelist price or at the quota's
    overage tier price. The arithmetic is the pure plan of ``lib/plan.py``,
    shared with :meth:`_preview`; releasing billed work is
    :meth:`_release_lines` (``service_billing_release.py``).
    """

    _name = "service.billing"
    _description = "Service Billing Engine"

    @api.model
    def bill(self, items):
        """Bill ``items``; return the sale order lines created or found.

        Each item bills one product for one piece of work:

        - ``partner_id``: the customer or one of its contacts (id or record);
          the order goes to the commercial partner, contacts are named in
          its customer reference
        - ``product_id``: any product that can be sold: services, goods and
          consumables (a quota covers only what it names)
        - ``quantity`` in the product's unit, or ``seconds`` of timed work,
          rounded by the quota's, product's or company's rule; a list of
          seconds is the time entries of one piece of work (a ticket's
          timesheet lines), rounded per entry or in total as the rule says
        - ``date``: day of the work (default today); picks the quota period
        - ``description``: line text (default: the product's sale description)
        - ``source`` or ``sources``: the record(s) this item bills, a recordset
          or a list of recordsets of any models (a visit and its time
          entries; a ticket). Required.
        - ``company_id`` (optional): else the first source's company, else the
          current company. One order per company and customer.
        - ``quota_id`` (optional): the quota a manager chose; it must cover the
          customer and the product on ``date``. ``False``, or ``no_quota``
          true, bills without quota. Without either the engine finds it.
        - ``line_vals`` (optional): extra sale line values, e.g. ``discount``
          (100 for warranty work: at 100 % without a quota) or
          ``analytic_distribution``; not the fields the engine owns.

        Items that share a source are one piece of work (labour, parts and
        mileage of one visit): billed together on one order, or not at all.
        They must agree on customer and company. Each source is billed at most
        once: a piece of work whose sources were all billed before returns its
        existing lines; one only partly billed before is refused. Items on one
        quota period are planned in the order given, so one call covers
        exactly what separate calls would. Bad input raises
        ``ValidationError`` before anything is written.
        """
        prepared = self._prepare_items(items)
        works = self._group_work(prepared)
        claims = self.env["service.billed.source"].sudo()
        companies = {key: work["company"].id for work in works for key in work["keys"]}
        claimed = claims._claim(
            [key for work in works for key in work["keys"]], companies
        )
        fresh, found = [], self.env["sale.order.line"]
        for work in works:
            new = [key in claimed for key in work["keys"]]
            if all(new):
                fresh.append(work)
            elif not any(new):
                found |= claims._of(work["keys"]).sale_line_ids
            else:
                raise UserError(
                    self.env._(
                        "Part of this work was billed before (%(billed)s): bill the "
                        "rest on its own.",
                        billed=", ".join(
                            self._source_names(
                                [
                                    k
                                    for k, n in zip(work["keys"], new, strict=True)
                                    if not n
                                ]
                            )
                        ),
                    )
                )
        if not fresh:
            return found.with_env(self.env)
        return found.with_env(self.env) | self._bill_works(fresh, claimed)

    # ----------------------------------------------------------- preparation
    def _prepare_item(self, item, need_source=True):
        return self._prepare_items([item], need_source)[0]

    def _prepare_items(self, items, need_source=True):
        """Check and complete ``items``; quotas are found in one search per
        company. Raises before anything is written."""
        if len(items) > 1:
            self._prefetch(items)
        prepared = [self._check_item(item, need_source) for item in items]
        wanted = [p for p in prepared if p["quota"] is None]
        found = (
            self.env["service.quota"]
            .sudo()
            ._find_covering_many(
                [(p["partner"], p["product"], p["date"], p["company"]) for p in wanted]
            )
        )
        for entry, quota in zip(wanted, found, strict=True):
            entry["quota"] = quota
        for entry, item in zip(prepared, items, strict=True):
            entry["quota"] = entry["quota"].sudo()
            if "seconds" in item:
                entry["quantity"], entry["uom"] = self._quantity_from_seconds(
                    item["seconds"], entry["product"], entry["quota"]
                )
                entry["seconds"] = item["seconds"]  # the time worked (line note)
            else:
                entry["quantity"] = float(item["quantity"])
                entry["uom"] = entry["product"].uom_id
            if not entry["quantity"] and need_source:
                raise ValidationError(
                    self.env._(
                        "Nothing to bill for %(product)s: %(work)s has no billable "
                        "time or quantity (a false start within the rule's grace is "
                        "not billed). Cancel it instead.",
                        product=entry["product"].display_name,
                        work=", ".join(
                            self._source_names(
                                [(s._name, s.id) for s in entry["sources"]]
                            )
                        ),
                    )
                )
        return prepared

    def _prefetch(self, items):
        """Read the customers and products of all the items together."""
        for field, model in (
            ("partner_id", "res.partner"),
            ("product_id", "product.product"),
        ):
            ids = {
                value
                for item in items
                if isinstance(value := item.get(field), int)
                and not isinstance(value, bool)
            }
            if ids:  # one read of the stored columns for all of them
                self.env[model].browse(ids).mapped("create_date")
        sources = defaultdict(set)  # the company comes from them, else named
        for item in items:
            if item.get("company_id"):
                continue
            value = item.get("sources", item.get("source"))
            for records in value if isinstance(value, list | tuple) else [value]:
                if isinstance(records, models.BaseModel):
                    sources[records._name].update(records.ids)
        for model, ids in sources.items():
            if "company_id" in self.env[model]._fields:
                self.env[model].browse(ids).sudo().mapped("company_id")

    def _check_item(self, item, need_source):
        partner = self._as_record("res.partner", item.get("partner_id"))
        product = self._as_record("product.product", item.get("product_id"))
        if not partner:
            raise ValidationError(self.env._("Choose the customer to bill."))
        if not product:
            raise ValidationError(self.env._("Choose the product to bill."))
        if not product.active or not product.sale_ok or product.type == "combo":
            raise ValidationError(
                self.env._(
                    "%(product)s cannot be sold on its own.",
                    product=product.display_name,
                )
            )
        sources = self._item_sources(item)
        if need_source and not sources:
            raise ValidationError(
                self.env._("Each billed item needs the record(s) it bills (source).")
            )
        if ("quantity" in item) == ("seconds" in item):
            raise ValidationError(
                self.env._(
                    "Give either a quantity or a duration for %(product)s.",
                    product=product.display_name,
                )
            )
        what = "quantity" if "quantity" in item else "seconds"
        value = item[what]
        if what == "seconds" and isinstance(value, list | tuple):
            if not value:
                raise ValidationError(
                    self.env._(
                        "Give the time entries of %(product)s.",
                        product=product.display_name,
                    )
                )
            for entry in value:  # time entries of one piece of work
                self._check_number(entry, product, what)
        else:
            self._check_number(value, product, what)
        day = fields.Date.to_date(item.get("date")) or fields.Date.context_today(self)
        company = self._item_company(item, sources)
        quota = None  # found for all the items at once
        if item.get("no_quota"):
            quota = self.env["service.quota"]
        elif "quota_id" in item:
            quota = self._chosen_quota(item["quota_id"], partner, product, day, company)
        line_vals = dict(item.get("line_vals") or {})
        owned = ENGINE_LINE_FIELDS & set(line_vals)
        if owned:
            raise ValidationError(
                self.env._(
                    "The billing engine sets %(fields)s itself.",
                    fields=", ".join(sorted(owned)),
                )
            )
        discount = line_vals.pop("discount", 0.0)
        self._check_number(discount, product, "discount")
        # Billed without quota on purpose (warranty, mileage): no line note
        # explaining why the customer's contract does not cover it.
        explained = {"why": ""} if item.get("no_quota") else {}
        return {
            **explained,
            "partner": partner.commercial_partner_id,
            "contact": partner,
            "product": product,
            "date": day,
            "description": item.get("description")
            or product.get_product_multiline_description_sale(),
            "sources": sources,
            "company": company,
            "quota": quota,
            "discount": float(discount),
            "line_vals": line_vals,
        }

    def _check_number(self, value, product, what):
        """A finite, non-negative number (not a bool or a string), else a
        ValidationError naming the field; ``what`` is quantity, seconds or
        discount."""
        if is_amount(value) and (what != "discount" or value <= 100):
            return
        number = isinstance(value, int | float) and not isinstance(value, bool)
        name, shown = product.display_name, repr(value)
        if number and value < 0 and what == "quantity":
            message = self.env._(
                "Quantity of %(product)s cannot be negative (%(quantity)s).",
                product=name,
                quantity=shown,
            )
        elif number and value < 0 and what == "seconds":
            message = self.env._(
                "The duration of %(product)s cannot be negative (%(seconds)s s).",
                product=name,
                seconds=shown,
            )
        elif what == "quantity":
            message = self.env._(
                "Quantity of %(product)s: %(value)s is not a number of units.",
                product=name,
                value=shown,
            )
        elif what == "seconds":
            message = self.env._(
                "Duration of %(product)s: %(value)s is not a number of seconds.",
                product=name,
                value=shown,
            )
        else:
            message = self.env._(
                "Discount on %(product)s: %(value)s is not a percentage from 0 to 100.",
                product=name,
                value=shown,
            )
        raise ValidationError(message)

    def _item_sources(self, item):
        """The records an item bills, as a list of single records."""
        value = item.get("sources", item.get("source"))
        if isinstance(value, models.BaseModel):
            value = [value]
        records = []
        for recordset in value or []:
            if not isinstance(recordset, models.BaseModel):
                raise ValidationError(
                    self.env._(
                        "The sources of an item are records, not %(v)s.",
                        v=repr(recordset),
                    )
                )
            records.extend(recordset)
        return records

    def _item_company(self, item, sources):
        if item.get("company_id"):
            return self._as_record("res.company", item["company_id"])
        for source in sources:
            if "company_id" in source._fields:
                source.sudo().fetch(["company_id"])  # that column only
                if source.company_id:
                    return source.company_id
        return self.env.company

    def _group_work(self, prepared):
        """Items sharing a source form one piece of work; check they agree."""
        owner = {}  # source key -> work index
        works = []
        for item in prepared:
            keys = [(s._name, s.id) for s in item["sources"]]
            hits = sorted({owner[key] for key in keys if key in owner})
            if hits:
                work = works[hits[0]]
                for other in hits[1:]:  # this item joins several pieces of work
                    work["items"] += works[other]["items"]
                    work["keys"] += works[other]["keys"]
                    for key in works[other]["keys"]:
                        owner[key] = hits[0]
                    works[other] = None
            else:
                work = {"items": [], "keys": []}
                works.append(work)
                hits = [len(works) - 1]
            work["items"].append(item)
            for key in keys:
                if key not in owner:
                    owner[key] = hits[0]
                    work["keys"].append(key)
        works = [work for work in works if work]
        for work in works:
            first = work["items"][0]
            for item in work["items"][1:]:
                if (item["partner"], item["company"]) != (
                    first["partner"],
                    first["company"],
                ):
                    raise ValidationError(
                        self.env._(
                            "Items billing %(work)s disagree about the customer or "
                            "the company: bill them as one piece of work or apart.",
                            work=", ".join(self._source_names(work["keys"][:3])),
                        )
                    )
            work.update(partner=first["partner"], company=first["company"])
        return works

    def _source_names(self, keys):
        return [
            self.env[model].browse(res_id).sudo().display_name
            if model in self.env
            else f"{model},{res_id}"
            for model, res_id in keys
        ]

    # ---------------------------------------------------------------- helpers
    def _chosen_quota(self, value, partner, product, day, company):
        """The quota a manager chose for this work, checked."""
        quota = self._as_record("service.quota", value).sudo()
        if quota and (
            quota.partner_id != partner.commercial_partner_id
            or quota.company_id not in (self.env["res.company"], company)
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
        """(quantity, unit) of ``seconds`` of work: whole billable minutes in
        the Minutes unit for a product sold by time (exact in any precision:
        the line's unit price is the price per minute), or units of a rule
        that bills one unit per piece of work."""
        entries = seconds if isinstance(seconds, list | tuple) else [seconds]
        if any(entry is None or entry < 0 for entry in entries):
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
        timed = product.product_tmpl_id._service_sold_by_time()
        if rule.per_unit:
            if timed:
                raise ValidationError(
                    self.env._(
                        "%(product)s is sold by time (%(uom)s), but rule %(rule)s "
                        "bills one unit per piece of work: use a timed rule.",
                        product=product.display_name,
                        uom=product.uom_id.name,
                        rule=rule.name,
                    )
                )
            return float(billable), product.uom_id
        if not timed:
            raise ValidationError(
                self.env._(
                    "%(product)s is sold in %(uom)s, not by time: give a quantity, "
                    "or use a rounding rule that bills one unit per piece of work.",
                    product=product.display_name,
                    uom=product.uom_id.name,
                )
            )
        return float(billable), self._minute_uom()

    @api.model
    def _minute_uom(self):
        # looked up once per transaction (a run asks for it per item)
        cache = self.env.cr.cache
        if "service_minute_uom" not in cache:
            cache["service_minute_uom"] = self.env["ir.model.data"]._xmlid_to_res_id(
                "service_contract_quota.uom_minute"
            )
        return self.env["uom.uom"].browse(cache["service_minute_uom"])

    @api.model
    def _service_setup_precision(self):
        """Unit prices carry 6 decimals (install): a price per minute of an
        hourly rate (100.00/h = 1.666667/min) then bills 60 min = 100.00."""
        price = self.env.ref("product.decimal_price", raise_if_not_found=False)
        if price and price.digits < 6:
            price.digits = 6
