"""18.0.2.0.0: a session's billed figures are derived from its sale lines
(billable mixin of service_contract_quota) instead of being copied onto it."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    sessions = env["service.remote.session"].with_context(active_test=False)
    sessions.search([])._service_refresh_billing()
    env.flush_all()
