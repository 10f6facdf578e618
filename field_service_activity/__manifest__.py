{
    "name": "Field Service Activity",
    "summary": "Equipment, service activities and signed work reports, billed",
    "version": "18.0.1.0.0",
    "category": "Services",
    "website": "https://github.com/service-billing-suite/service-billing-suite",
    "license": "AGPL-3",
    "author": "Service Billing Suite",
    "depends": ["service_contract_quota", "fieldservice", "hr_timesheet"],
    "data": [
        "security/service_groups.xml",
        "security/ir.model.access.csv",
        "views/service_menus.xml",
        "data/fsm_billing_mail_data.xml",
        "views/fsm_order_billing_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": [
        "demo/fieldservice_demo.xml",
        "demo/fsm_product_demo.xml",
        "demo/fsm_equipment_demo.xml",
        "demo/fsm_billing_demo.xml",
    ],
    "assets": {
        "web.assets_tests": ["field_service_activity/static/tests/tours/**/*"],
    },
    "installable": True,
}
