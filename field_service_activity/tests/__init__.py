from . import test_field_access
from . import test_activity_billing
from . import test_activity_billing_flow
from . import test_activity_billing_concurrency
from . import test_activity_billing_tour
