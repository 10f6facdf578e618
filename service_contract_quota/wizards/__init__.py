from . import service_quota_topup
from . import service_statement_run
from . import service_statement_run_background
