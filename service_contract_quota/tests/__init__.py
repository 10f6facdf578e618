from . import (
    test_access,
    test_bad_input,
    test_billing_engine,
    test_concurrency,
    test_contract_access,
    test_contract_form,
    test_coverage,
    test_engine_items,
    test_groups_and_menus,
    test_ledger_report,
    test_money,
    test_new_contract_tour,
    test_partner_service_fields,
    test_portal_pages,
    test_portal_sweep,
    test_product_service,
    test_quota_state,
    test_release,
    test_rounding_rules,
    test_rule_and_settings_forms,
    test_service_documents,
    test_service_documents_http,
    test_service_menu_tour,
)
from . import test_quota_renewal, test_quota_renewal_race, test_quota_renewal_tour
from . import test_specification
from . import test_statement_request, test_quota_notice_race, test_contract_balance
from . import test_statement_companies
from . import test_statement_race
from . import test_quota_renew_backend_tour
from . import test_statement_run
from . import test_statement_batch
