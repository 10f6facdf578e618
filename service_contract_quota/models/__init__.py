from . import (
    contract_contract,
    product_template,
    res_company,
    res_config_settings,
    res_partner,
    sale_order,
    sale_order_line,
    service_billed_source,
    service_billing,
    service_quota,
    service_quota_move,
    service_rounding_rule,
)
