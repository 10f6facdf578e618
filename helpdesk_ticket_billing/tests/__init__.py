from . import test_ticket_access
from . import test_ticket_close
