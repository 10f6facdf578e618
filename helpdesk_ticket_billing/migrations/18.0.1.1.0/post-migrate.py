"""18.0.1.1.0: SLA. helpdesk_mgmt's "Awaiting" stage is where tickets wait on
the customer; the data file that says so is loaded on install only. Teams
that existed before do not start closing silent tickets on upgrade: a
manager turns it on (days before closing) per team."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    cr.execute("UPDATE helpdesk_ticket_team SET auto_close_days = 0")
    env = api.Environment(cr, SUPERUSER_ID, {})
    stage = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting", False)
    if stage:
        stage.waiting_customer = True
