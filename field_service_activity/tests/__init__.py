from . import test_field_access
from . import test_work_report
