from . import test_field_access
from . import test_activity_planning
from . import test_activity_access
from . import test_activity_estimate
from . import test_activity_portal
from . import test_activity_tour
