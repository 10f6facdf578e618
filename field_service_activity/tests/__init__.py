from . import test_field_access
from . import test_equipment
from . import test_equipment_workshop
from . import test_equipment_portal
from . import test_equipment_tour
