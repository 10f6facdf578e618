from . import helpdesk_ticket_team
from . import helpdesk_ticket_category
from . import helpdesk_ticket
from . import helpdesk_ticket_billing
from . import helpdesk_ticket_work
from . import contract_contract
from . import account_analytic_line
