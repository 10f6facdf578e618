from . import portal_work_order
