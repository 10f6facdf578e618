from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL

from ..lib.coverage import covers_product, valid_on


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
            quota = mine._naming(product)[:1] or mine[:1]
            result.append(quota._why_not(product, day, company, lang))
        return result

    def _naming(self, product):
        """These quotas that name ``product``: among its products, or, naming
        none, by categories when it is a service (what a reason speaks of)."""
        return self.filtered(
            lambda q: product in q.product_ids
            or (not q.product_ids and q.categ_ids and product.type == "service")
        )

    def _why_not(self, product, day, company, lang=None):
        self.ensure_one()
        env = self.with_context(lang=lang or self.env.lang).env
        contract = self.contract_id
        name = contract.display_name
        start, end = self._validity_bounds()
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
        if start and day < start:
            return env._(
                "Not covered: contract %(contract)s starts on %(day)s.",
                contract=name,
                day=fields.Date.to_string(start),
            )
        if end and day > end:
            return env._(
                "Not covered: contract %(contract)s ended on %(day)s.",
                contract=name,
                day=fields.Date.to_string(end),
            )
        return env._(
            "Not covered: contract %(contract)s does not include %(product)s.",
            contract=name,
            product=product.with_context(lang=lang).display_name,
        )

    @api.model
    def _find_covering_many(self, requests):
        """The covering quota (or none) of each (partner, product, day, company)
        request: one query per company for all the customers, decided as
        :meth:`covers` decides (``lib/coverage.py``)."""
        by_company = defaultdict(list)
        for index, (partner, product, day, company) in enumerate(requests):
            by_company[company].append(
                (index, partner.commercial_partner_id, product, day)
            )
        result = [self.browse()] * len(requests)
        for company, wanted in by_company.items():
            days = [day for *_rest, day in wanted]
            by_partner = defaultdict(list)
            rows = self._covering_candidates(
                {w[1].id for w in wanted}, company, min(days), max(days)
            )
            # records sharing one prefetch set: their fields are read together
            quotas = {quota.id: quota for quota in self.browse([r[0] for r in rows])}
            for row in rows:
                by_partner[row[1]].append(row)
            for index, partner, product, day in wanted:
                for quota_id, _partner, windows, product_ids, paths in by_partner[
                    partner.id
                ]:
                    if valid_on(day, windows) and covers_product(
                        product.id,
                        product.type == "service",
                        lambda p=product: p.categ_id.parent_path or "",
                        product_ids,
                        paths,
                        coverable=product.service_quota_coverable,
                    ):
                        result[index] = quotas[quota_id]
                        break
        return result

    @api.model
    def _covering_candidates(self, partner_ids, company, first, last):
        """The active quotas of these customers and company valid on some day
        from ``first`` to ``last``, in the quotas' order (contract, sequence):
        [(quota id, customer id, [(start, end) of quota and contract], covered
        product ids, covered categories' paths)]. One query; no record rules:
        the engine calls it in sudo.

        The same query brings the stored columns of these quotas, of their
        contracts and the contracts' quota lists into the cache (as a read
        would, without overwriting what is there): billing then reads none of
        them again. Under REPEATABLE READ the snapshot is the one the quota
        lock later keeps (see ``lock_rows``), so the balances stay valid.
        """
        product_rel = self._fields["product_ids"]
        categ_rel = self._fields["categ_ids"]
        contracts = self.env["contract.contract"]
        self.flush_model()
        contracts.flush_model()
        self.env["product.category"].flush_model(["parent_path"])
        quota_fields = _cacheable_fields(self)
        contract_fields = _cacheable_fields(contracts)
        self.env.cr.execute(
            SQL(
                """
                SELECT q.id, q.partner_id, q.date_start, q.date_end,
                       c.date_start, c.date_end,
                       ARRAY(SELECT pr.%(pproduct)s FROM %(prel)s pr
                              WHERE pr.%(pquota)s = q.id),
                       ARRAY(SELECT qc.parent_path FROM %(crel)s cr
                               JOIN product_category qc ON qc.id = cr.%(ccateg)s
                              WHERE cr.%(cquota)s = q.id),
                       c.id,
                       ARRAY(SELECT s.id FROM service_quota s
                              WHERE s.contract_id = c.id
                              ORDER BY s.sequence, s.id),
                       %(qcolumns)s, %(ccolumns)s
                  FROM service_quota q
                  JOIN contract_contract c ON c.id = q.contract_id
                 WHERE q.active AND c.active
                   AND q.partner_id IN %(partners)s
                   AND (q.company_id = %(company)s OR q.company_id IS NULL)
                   AND q.date_start <= %(last)s
                   AND (q.date_end IS NULL OR q.date_end >= %(first)s)
                 ORDER BY c.code, c.name, q.contract_id, q.sequence, q.id
                """,
                partners=tuple(partner_ids),
                company=company.id,
                first=first,
                last=last,
                prel=SQL.identifier(product_rel.relation),
                pquota=SQL.identifier(product_rel.column1),
                pproduct=SQL.identifier(product_rel.column2),
                crel=SQL.identifier(categ_rel.relation),
                cquota=SQL.identifier(categ_rel.column1),
                ccateg=SQL.identifier(categ_rel.column2),
                qcolumns=SQL(", ").join(
                    SQL.identifier("q", field.name) for field in quota_fields
                ),
                ccolumns=SQL(", ").join(
                    SQL.identifier("c", field.name) for field in contract_fields
                ),
            )
        )
        rows = self.env.cr.fetchall()
        if rows:
            columns = list(zip(*rows, strict=True))
            quotas = self.browse(columns[0])
            _cache_columns(quotas, quota_fields, columns[10 : 10 + len(quota_fields)])
            first_rows = {}  # contract id -> its first row
            for index, contract_id in enumerate(columns[8]):
                first_rows.setdefault(contract_id, index)
            contract_records = contracts.browse(list(first_rows))
            _cache_columns(
                contract_records,
                [contracts._fields["service_quota_ids"], *contract_fields],
                [
                    [
                        tuple(column[i]) if n == 0 else column[i]
                        for i in first_rows.values()
                    ]
                    for n, column in enumerate(
                        [columns[9], *columns[10 + len(quota_fields) :]]
                    )
                ],
            )
        return [
            (
                quota_id,
                partner_id,
                [(q_start, q_end), (c_start, c_end)],
                set(product_ids),
                [path for path in paths if path],
            )
            for (
                quota_id,
                partner_id,
                q_start,
                q_end,
                c_start,
                c_end,
                product_ids,
                paths,
                *_cached,
            ) in rows
        ]


def _cacheable_fields(model):
    """The stored columns a read of ``model`` fetches and caches as they come
    from the database (not translated, company-dependent, binary or restricted
    to groups: those are left to the ORM)."""
    return [
        field
        for field in model._fields.values()
        if field.store
        and field.column_type
        and field.prefetch is True
        and field.name != "id"
        and not field.translate
        and not field.company_dependent
        and not field.groups
        and field.type != "binary"
    ]


def _cache_columns(records, fields_, columns):
    """Put database ``columns`` (one list of values per field, in the order of
    ``records``) into the cache, without overwriting values there (pending
    writes), as the ORM does with what it fetches."""
    cache = records.env.cache
    for field, values in zip(fields_, columns, strict=True):
        cache.insert_missing(records, field, values)
