from . import test_ticket_access
from . import test_ticket_close
from . import test_ticket_billing
from . import test_ticket_billing_run
from . import test_ticket_stopwatch
from . import test_ticket_portal
from . import test_ticket_tour
