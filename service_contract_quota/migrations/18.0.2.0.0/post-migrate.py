"""18.0.2.0.0: per-period quota totals and claims linked to their sale lines.

Before, balances were summed from the whole ledger and a claim said only
"billed"; now each quota period has a row of totals and each claim names the
lines that billed its source.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        INSERT INTO service_quota_period
            (quota_id, period_start, covered, overage, topup,
             create_uid, write_uid, create_date, write_date)
        SELECT quota_id, period_start,
               SUM(CASE WHEN move_type = 'topup' THEN 0 ELSE quantity END),
               SUM(CASE WHEN move_type = 'topup' THEN 0
                        ELSE COALESCE(overage_quantity, 0) END),
               SUM(CASE WHEN move_type = 'topup' THEN quantity ELSE 0 END),
               %s, %s, now() at time zone 'UTC', now() at time zone 'UTC'
          FROM service_quota_move
         GROUP BY quota_id, period_start
        ON CONFLICT (quota_id, period_start) DO NOTHING
        """,
        [SUPERUSER_ID, SUPERUSER_ID],
    )
    cr.execute(
        """
        INSERT INTO service_billed_source_sale_line_rel (claim_id, line_id)
        SELECT claim.id, line.id
          FROM service_billed_source claim
          JOIN sale_order_line line
            ON line.service_source_model = claim.source_model
           AND line.service_source_id = claim.source_id
          JOIN sale_order so ON so.id = line.order_id AND so.state != 'cancel'
        ON CONFLICT DO NOTHING
        """
    )
    env = api.Environment(cr, SUPERUSER_ID, {})
    mixin = env["service.billable.mixin"]
    for model in mixin._service_billable_models():
        env[model].with_context(active_test=False).search([])._service_refresh_billing()
    env.flush_all()
