from . import equipment_portal
