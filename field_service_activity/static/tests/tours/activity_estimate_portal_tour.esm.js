import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("field_service_activity_estimate_portal", {
    url: "/my",
    steps: () => [
        {
            content: "The customer opens its service visits",
            trigger: "a[href='/my/field-activities']",
            run: "click",
        },
        {
            content: "and the visit whose estimate waits",
            trigger:
                ".o_field_activity_row:contains(Waiting for the customer) a[href^='/my/field-activities/']",
            run: "click",
        },
        {
            content: "It shows the planned lines and their total",
            trigger:
                ".o_field_activity_estimate .o_field_activity_line:contains(Gasket set)",
        },
        {
            content: "The customer's name is there; accept",
            trigger: "input[name=signer]:value(Alice Acme)",
        },
        {
            trigger: ".o_field_activity_estimate_form button.o_field_activity_accept",
            run: "click",
        },
        {
            content: "Accepted, with the name",
            trigger:
                ".o_field_activity_estimate_answer:contains(Accepted by Alice Acme)",
        },
        {
            trigger:
                ".o_field_activity_estimate:not(:has(.o_field_activity_estimate_form))",
        },
    ],
});
