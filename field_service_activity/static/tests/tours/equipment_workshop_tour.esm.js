import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("field_service_activity_workshop", {
    steps: () => [
        {
            content: "The equipment is in our workshop, under warranty",
            trigger:
                '.o_form_view:has(.badge:contains("Under warranty")) .o_field_widget[name="service_status"]:contains("In our workshop")',
        },
        {
            content: "Its technical card shows its category's fields",
            trigger: '.o_field_properties:contains("Fuel"):contains("Power (kW)")',
        },
        {
            content: "Send it to an external repairer",
            trigger: 'button[name="action_service_send"]',
            run: "click",
        },
        {
            content: "Choose the repairer",
            trigger: '.modal .o_field_widget[name="partner_id"] input',
            run: "edit Tour Repairs",
        },
        {
            trigger: '.ui-autocomplete a:contains("Tour Repairs")',
            run: "click",
        },
        {
            content: "Say what to do",
            trigger: '.modal .o_field_widget[name="note"] textarea',
            run: "edit Replace the pump",
        },
        {
            trigger: '.modal button[name="action_send"]',
            run: "click",
        },
        {
            content: "It is at the repairer",
            trigger:
                '.o_field_widget[name="service_status"]:contains("At an external repairer")',
        },
        {
            content: "It comes back",
            trigger: 'button[name="action_service_back"]',
            run: "click",
        },
        {
            trigger:
                '.o_field_widget[name="service_status"]:contains("In our workshop")',
        },
        {
            content: "Return it to the customer",
            trigger: 'button[name="action_service_return"]',
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            trigger:
                '.o_field_widget[name="service_status"]:contains("Back at the customer")',
        },
        {
            content: "The workshop history lists the moves",
            trigger: '.o_notebook a:contains("Workshop")',
            run: "click",
        },
        {
            trigger:
                '.o_field_widget[name="service_move_ids"] .o_data_row:contains("Tour Repairs"):contains("Replace the pump")',
        },
    ],
});
