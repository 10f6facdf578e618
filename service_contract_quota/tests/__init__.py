from . import (
    test_access,
    test_bad_input,
    test_billing_engine,
    test_concurrency,
    test_coverage,
    test_engine_items,
    test_groups_and_menus,
    test_release,
    test_rounding_rules,
    test_service_menu_tour,
)
