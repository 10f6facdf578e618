from . import helpdesk_ticket_billing_run
