from . import test_field_access
