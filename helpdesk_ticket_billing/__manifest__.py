{
    "name": "Helpdesk Ticket Billing",
    "summary": "Bill helpdesk ticket time against contract quotas, SLA by contract",
    "version": "18.0.1.1.0",
    "category": "Services",
    "website": "https://github.com/service-billing-suite/service-billing-suite",
    "license": "AGPL-3",
    "author": "Service Billing Suite",
    "depends": ["service_contract_quota", "helpdesk_mgmt", "helpdesk_mgmt_timesheet"],
    "data": [
        "security/service_groups.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "views/helpdesk_ticket_views.xml",
        "views/helpdesk_ticket_templates.xml",
        "views/helpdesk_portal_templates.xml",
        "views/service_menus.xml",
    ],
    "demo": ["demo/helpdesk_demo.xml"],
    "assets": {
        "web.assets_tests": ["helpdesk_ticket_billing/static/tests/tours/**/*"],
    },
    "installable": True,
}
