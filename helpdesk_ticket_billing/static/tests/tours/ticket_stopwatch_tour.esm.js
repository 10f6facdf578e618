import {registry} from "@web/core/registry";

function startWork(label) {
    return [
        {
            content: `${label}: start the stopwatch on the ticket`,
            trigger: ".o_form_view button[name=button_start_work]",
            run: "click",
        },
        {
            content: "Say what the work is",
            trigger: ".modal .o_field_widget[name=name] input",
            run: `edit ${label}: checked the keyboard`,
        },
        {
            content: "Start the timer in the dialog",
            trigger: ".modal footer button[name=action_switch]:visible",
            run: "click",
        },
    ];
}

function stopWork(label) {
    return [
        {
            content: `${label}: the stopwatch runs; stop it`,
            trigger: ".o_form_view button[name=button_end_work]",
            run: "click",
        },
        {
            content: "Stopped: it can be started again",
            trigger: ".o_form_view button[name=button_start_work]",
        },
    ];
}

registry.category("web_tour.tours").add("helpdesk_ticket_billing_stopwatch", {
    steps: () => [
        ...startWork("First time"),
        ...stopWork("First time"),
        ...startWork("Second time"),
        ...stopWork("Second time"),
        {
            content: "Close the ticket: Done is a folded stage, under More",
            trigger:
                ".o_form_view .o_statusbar_status .o_arrow_button.dropdown-toggle:not(:disabled):visible",
            run: "click",
        },
        {
            trigger: ".o-dropdown--menu .dropdown-item:contains(Done)",
            run: "click",
        },
        {
            content: "Closed and billable: bill it now",
            trigger: ".o_form_view .o_form_statusbar button[name=action_service_bill]",
            run: "click",
        },
        {
            content: "The sale order opens",
            trigger: ".o_form_view .o_field_widget[name=order_line]",
        },
        {
            content: "with the ticket's line, opened from the ticket",
            trigger: ".o_form_view .o_field_widget[name=order_line] .o_data_row",
        },
        {
            content: "Back to the ticket: it says where it was billed",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains(Tour ticket)",
            run: "click",
        },
        {
            trigger:
                ".o_form_view button[name=action_service_open_order]:contains(Billed)",
        },
    ],
});
