{
    "name": "Service Contract Quota",
    "summary": "Prepaid service quotas on contracts and the billing engine",
    "version": "18.0.1.0.0",
    "category": "Services",
    "website": "https://github.com/service-billing-suite/service-billing-suite",
    "license": "AGPL-3",
    "author": "Service Billing Suite",
    "depends": ["contract", "sale_management", "hr_timesheet"],
    "data": [
        "security/service_groups.xml",
        "security/ir.model.access.csv",
        "data/uom_data.xml",
        "views/service_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/product_demo.xml",
        "demo/contract_demo.xml",
    ],
    "assets": {
        "web.assets_tests": ["service_contract_quota/static/tests/tours/**/*"],
    },
    "application": True,
    "installable": True,
}
