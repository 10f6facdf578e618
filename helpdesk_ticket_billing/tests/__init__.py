from . import test_ticket_access
from . import test_ticket_close
from . import test_ticket_billing
from . import test_ticket_billing_run
from . import test_ticket_sla
from . import test_ticket_alive
from . import test_ticket_sla_portal
from . import test_helpdesk_board_tour
