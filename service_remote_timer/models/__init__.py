from . import service_remote_tool
from . import service_remote_access
from . import service_remote_session
from . import service_remote_interval
from . import res_company
from . import res_config_settings
from . import res_partner
from . import account_analytic_line
