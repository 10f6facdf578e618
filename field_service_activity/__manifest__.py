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
        "security/fsm_order_security.xml",
        "data/fsm_planning_mail_data.xml",
        "views/fsm_order_views.xml",
        "views/fsm_order_portal_templates.xml",
    ],
    "demo": [
        "demo/fieldservice_demo.xml",
        "demo/fsm_product_demo.xml",
        "demo/fsm_equipment_demo.xml",
        "demo/fsm_activity_demo.xml",
    ],
    "assets": {
        "web.assets_tests": ["field_service_activity/static/tests/tours/**/*"],
    },
    "installable": True,
}
