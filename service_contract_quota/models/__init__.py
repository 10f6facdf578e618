from . import (
    account_move,
    contract_contract,
    product_template,
    res_company,
    res_config_settings,
    res_partner,
    sale_order,
    sale_order_line,
    service_billable_mixin,
    service_quota_holder,
    service_billed_source,
    service_billing,
    service_billing_lines,
    service_billing_notes,
    service_billing_release,
    service_quota,
    service_quota_balance,
    service_quota_coverage,
    service_quota_move,
    service_quota_period,
    service_quota_portal,
    service_quota_state,
    service_quota_tier,
    service_rounding_rule,
)
from . import (  # monthly statement (issue 13)
    res_company_invoicing,
    res_partner_invoicing,
    res_config_settings_invoicing,
    contract_contract_invoicing,
    service_billing_statement,
    sale_order_statement,
    service_statement,
    service_statement_run,
)
from . import service_quota_renewal, sale_order_renewal
from . import account_move_specification
from . import service_statement_request
