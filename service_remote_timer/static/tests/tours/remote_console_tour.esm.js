import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

const CLOCK = ".o_form_view .o_service_remote_clock";
const SYSTRAY = ".o_main_navbar .o_service_remote_timer_systray";

registry.category("web_tour.tours").add("service_remote_timer_console", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps(
            "service_remote_timer.service_remote_root_menu",
            "Open Remote Support"
        ),
        {
            content: "The console opens on a new session",
            trigger: ".o_form_view .o_service_remote_start",
        },
        {
            content: "Choose the customer",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Tour Remote",
        },
        {
            content: "Pick it in the list",
            trigger:
                ".o_field_widget[name=partner_id] .o-autocomplete--dropdown-menu li:contains(Tour Remote Customer)",
            run: "click",
        },
        {
            content: "Its contract and remaining quota show at once",
            trigger: ".o_field_widget[name=contract_id]:contains(Tour remote contract)",
        },
        {
            content: "The support note shows too",
            trigger: ".o_field_widget[name=support_note]:contains(Call Bob first)",
        },
        {
            content: "Start the clock",
            trigger: ".o_service_remote_start",
            run: "click",
        },
        {
            content: "The clock runs in the form",
            trigger: `${CLOCK}.o_service_remote_clock_running`,
        },
        {
            content: "... and ticks",
            trigger: `${CLOCK}:not(:contains(0:00:00))`,
        },
        {
            content: "The systray shows the customer and the ticking clock",
            trigger: `${SYSTRAY} .o_service_remote_timer_partner:contains(Tour Remote Customer)`,
        },
        {
            content: "The systray clock ticks",
            trigger: `${SYSTRAY} .o_service_remote_timer_elapsed:not(:contains(0:00:00))`,
        },
        {
            content: "Pause",
            trigger: ".o_service_remote_pause",
            run: "click",
        },
        {
            content: "Paused: the billable minutes show",
            trigger: ".o_field_widget[name=preview_quantity]:contains(1.00)",
        },
        {
            content: "... what the contract covers",
            trigger: ".o_field_widget[name=preview_covered]:contains(1.00)",
        },
        {
            content: "... and the amount",
            trigger: ".o_service_remote_amount:contains(0.00)",
        },
        {
            content: "The systray shows the pause",
            trigger: `${SYSTRAY} .o_service_remote_timer_paused`,
        },
        {
            content: "Resume",
            trigger: ".o_service_remote_resume",
            run: "click",
        },
        {
            content: "Running again",
            trigger: `${CLOCK}.o_service_remote_clock_running`,
        },
        {
            content: "Finish and bill",
            trigger: ".o_service_remote_finish",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Land on the sale order with the covered line at 100 % discount",
            trigger:
                ".o_form_view .o_field_widget[name=order_line] .o_data_row td[name=discount]:contains(100.00)",
        },
        {
            content: "The systray timer is gone",
            trigger: `body:not(:has(${SYSTRAY}))`,
        },
    ],
});
