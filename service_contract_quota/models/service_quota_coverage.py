from collections import defaultdict

from odoo import api, fields, models


class ServiceQuota(models.Model):
    """Which quota covers a piece of work, and why none does."""

    _inherit = "service.quota"

    @api.model
    def _why_not_covered_many(self, requests, lang=None):
        """Why each (partner, product, day, company) request has no covering
        quota although the customer has a contract: a sentence (in ``lang``),
        or "" when the customer has no quota at all. One search for all."""
        partners = {partner.commercial_partner_id.id for partner, *_rest in requests}
        quotas = self.with_context(active_test=False).search(
            [("partner_id", "in", list(partners))]
        )
        by_partner = defaultdict(lambda: self.browse())
        for quota in quotas:
            by_partner[quota.partner_id] |= quota
        result = []
        for partner, product, day, company in requests:
            mine = by_partner[partner.commercial_partner_id]
            if not mine:
                result.append("")
                continue
            naming = mine.filtered(
                lambda q, p=product: p in q.product_ids
                or (not q.product_ids and q.categ_ids and p.type == "service")
            )
            result.append((naming or mine)[:1]._why_not(product, day, company, lang))
        return result

    def _why_not(self, product, day, company, lang=None):
        self.ensure_one()
        env = self.with_context(lang=lang or self.env.lang).env
        contract = self.contract_id
        name = contract.display_name
        starts = [d for d in (self.date_start, contract.date_start) if d]
        ends = [d for d in (self.date_end, contract.date_end) if d]
        if not product.service_quota_coverable:
            return env._(
                "Not covered: %(product)s is billed at its price, never from a "
                "quota.",
                product=product.with_context(lang=lang).display_name,
            )
        if self.company_id and self.company_id != company:
            return env._(
                "Not covered: contract %(contract)s belongs to %(company)s.",
                contract=name,
                company=self.company_id.name,
            )
        if not (self.active and contract.active):
            return env._(
                "Not covered: contract %(contract)s is archived.", contract=name
            )
        if starts and day < max(starts):
            return env._(
                "Not covered: contract %(contract)s starts on %(day)s.",
                contract=name,
                day=fields.Date.to_string(max(starts)),
            )
        if ends and day > min(ends):
            return env._(
                "Not covered: contract %(contract)s ended on %(day)s.",
                contract=name,
                day=fields.Date.to_string(min(ends)),
            )
        return env._(
            "Not covered: contract %(contract)s does not include %(product)s.",
            contract=name,
            product=product.with_context(lang=lang).display_name,
        )

    @api.model
    def _find_covering_many(self, requests):
        """The covering quota (or none) of each (partner, product, day, company)
        request: one search per company for all the customers."""
        by_company = defaultdict(list)
        for index, (partner, _product, day, company) in enumerate(requests):
            by_company[company].append((index, partner.commercial_partner_id, day))
        result = [self.browse()] * len(requests)
        for company, wanted in by_company.items():
            days = [day for _index, _partner, day in wanted]
            candidates = self.search(
                [
                    ("partner_id", "in", list({p.id for _i, p, _d in wanted})),
                    ("company_id", "in", [company.id, False]),
                    ("date_start", "<=", max(days)),
                    "|",
                    ("date_end", "=", False),
                    ("date_end", ">=", min(days)),
                    ("contract_id.active", "=", True),
                ]
            )
            by_partner = defaultdict(list)
            for quota in candidates:
                by_partner[quota.partner_id].append(quota)
            for index, partner, day in wanted:
                product = requests[index][1]
                for quota in by_partner[partner]:
                    if quota.covers(product, day):
                        result[index] = quota
                        break
        return result
