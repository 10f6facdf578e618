import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

const LINE = ".o_field_widget[name=order_line] .o_data_row";
const INVOICE_LINE = ".o_field_widget[name=invoice_line_ids] .o_data_row";

function checkLineText(text) {
    // "Printer driver", why it is covered, why 10 min were billed: one a line
    const lines = text.split("\n");
    const expected = [
        "Printer driver",
        "Covered by contract",
        "1.2 min worked, 10 min minimum.",
    ];
    if (!expected.every((start) => lines.some((line) => line.startsWith(start)))) {
        throw new Error(`The line text lost its line breaks: ${JSON.stringify(text)}`);
    }
}

registry.category("web_tour.tours").add("service_contract_quota_documents", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("account.menu_finance", "Open Invoicing"),
        {
            content: "Customers menu",
            trigger:
                '.o_menu_sections [data-menu-xmlid="account.menu_finance_receivables"]',
            run: "click",
        },
        {
            content: "Service Orders",
            trigger:
                '.o_popover [data-menu-xmlid="service_contract_quota.account_menu_service_orders"], .dropdown-menu [data-menu-xmlid="service_contract_quota.account_menu_service_orders"]',
            run: "click",
        },
        {
            content: "The filter says what is listed",
            trigger: ".o_searchview .o_facet_value:contains(Service orders)",
        },
        {
            content: "Orders made from service work only",
            trigger:
                ".o_list_view:not(:has(.o_data_row:contains(Tour Plain Customer))) .o_data_row:contains(Tour Service Customer)",
        },
        {
            content: "Open the service order",
            trigger: ".o_data_row:contains(Tour Service Customer) td[name=partner_id]",
            run: "click",
        },
        {
            content: "The line names the work it bills",
            trigger: `${LINE} td[name=service_source_name]:contains(Tour work)`,
        },
        {
            content: "The quantity explains itself, on lines of their own",
            trigger: `${LINE} textarea`,
            run() {
                checkLineText(this.anchor.value);
            },
        },
        {
            content: "Open the billed work from its line",
            trigger: `${LINE} button[name=action_open_service_source]`,
            run: "click",
        },
        {
            content: "The work opens",
            trigger:
                ".o_form_view .o_field_widget[name=name]:contains(Tour work), .o_form_view .o_field_widget[name=name] input:value(Tour work)",
        },
        {
            content: "Back to the order",
            trigger: ".o_breadcrumb .breadcrumb-item:not(.active):last a",
            run: "click",
        },
        {
            content: "Its invoice",
            trigger: ".o_form_view button[name=action_view_invoice]",
            run: "click",
        },
        {
            content: "A service invoice shows the discount column",
            trigger: ".o_field_widget[name=invoice_line_ids] th[data-name=discount]",
        },
        {
            content: "Covered work: 100 % discount",
            trigger: `${INVOICE_LINE} td[name=discount]:contains(100.00)`,
        },
        {
            content: "The line text keeps its line breaks",
            trigger: `${INVOICE_LINE} textarea`,
            run() {
                checkLineText(this.anchor.value);
            },
        },
    ],
});
