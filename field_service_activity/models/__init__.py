from . import res_company
from . import fsm_equipment_category
from . import fsm_equipment
from . import fsm_equipment_reading
from . import fsm_order
from . import fsm_order_service_line
from . import account_analytic_line
