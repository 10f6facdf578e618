from . import portal_work_order
from . import portal_activity
from . import equipment_portal
