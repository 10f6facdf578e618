from . import test_field_access
from . import test_work_report
from . import test_work_report_signature
from . import test_work_report_tour
