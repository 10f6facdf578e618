from . import helpdesk_ticket_billing_run
from . import hr_timesheet_switch
