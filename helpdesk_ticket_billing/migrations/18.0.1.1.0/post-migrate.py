"""18.0.1.1.0: SLA. helpdesk_mgmt's "Awaiting" stage is where tickets wait on
the customer; the data file that says so is loaded on install only."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    stage = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting", False)
    if stage:
        stage.waiting_customer = True
