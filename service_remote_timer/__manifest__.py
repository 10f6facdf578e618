{
    "name": "Service Remote Timer",
    "summary": "Remote support console and timer, billed by the minute",
    "version": "18.0.1.0.0",
    "category": "Services",
    "website": "https://github.com/service-billing-suite/service-billing-suite",
    "license": "AGPL-3",
    "author": "Service Billing Suite",
    "depends": ["service_contract_quota"],
    "data": [
        "security/ir.model.access.csv",
        "views/service_menus.xml",
    ],
    "installable": True,
}
