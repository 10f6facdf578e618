import {registry} from "@web/core/registry";

const QUOTAS = "div[name=service_quota_ids]";

registry.category("web_tour.tours").add("service_contract_quota_new_contract", {
    steps: () => [
        {
            content: "Name the new contract",
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: "edit Tour new contract",
        },
        {
            content: "Choose the customer",
            trigger: ".o_form_view .o_field_widget[name=partner_id] input",
            run: "edit Tour Quota Customer",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Tour Quota Customer)",
            run: "click",
        },
        {
            content: "The Quotas tab comes before Other Information",
            trigger:
                ".o_notebook .nav-item:has(.nav-link:contains(Quotas)) ~ .nav-item .nav-link:contains(Other Information)",
        },
        {
            content: "Open the Quotas tab",
            trigger: ".o_notebook .nav-link:contains(Quotas)",
            run: "click",
        },
        {
            content: "Add a quota before the contract is saved",
            trigger: `${QUOTAS} .o_field_x2many_list_row_add a`,
            run: "click",
        },
        {
            content:
                "A quota not saved yet offers no balance, no Top up and no contract field",
            trigger:
                ".modal .o_form_view:not(:has(.o_field_widget[name=balance_state])):not(:has(button:contains(Top up))):not(:has(.o_field_widget[name=contract_id]))",
        },
        {
            trigger: ".modal .o_field_widget[name=name] input",
            run: "edit Tour quota",
        },
        {
            trigger: ".modal .o_field_widget[name=allowance] input",
            run: "edit 300",
        },
        {
            content: "The allowance reads in the quota's unit",
            trigger: ".modal .o_field_widget[name=unit_label]:contains(minutes)",
        },
        {
            trigger: ".modal .o_field_widget[name=product_ids] input",
            run: "edit Tour remote minute",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Tour remote minute)",
            run: "click",
        },
        {
            content: "Save the quota (no Invalid fields: Contract)",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The new quota row shows no Exhausted badge",
            trigger: `${QUOTAS} .o_data_row:contains(Tour quota):not(:has(.badge))`,
        },
        {
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved: the quota is available",
            trigger: `${QUOTAS} .o_data_row:contains(Tour quota) .badge:contains(Available)`,
        },
    ],
});
