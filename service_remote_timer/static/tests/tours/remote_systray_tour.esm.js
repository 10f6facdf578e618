import {registry} from "@web/core/registry";

const SYSTRAY = ".o_main_navbar .o_service_remote_timer_systray";

registry.category("web_tour.tours").add("service_remote_timer_systray", {
    url: "/odoo",
    steps: () => [
        {
            content: "The running session shows in the systray, ticking",
            trigger: `${SYSTRAY} .o_service_remote_timer_running:contains(Systray Customer)`,
        },
        {
            content: "Its clock counts from the stored start (over ten minutes)",
            trigger: `${SYSTRAY} .o_service_remote_timer_elapsed:contains(0:1)`,
        },
        {
            content: "Open the timer menu",
            trigger: `${SYSTRAY} .o_service_remote_timer_toggle`,
            run: "click",
        },
        {
            content: "Pause from the systray",
            trigger: ".o_service_remote_timer_pause",
            run: "click",
        },
        {
            content: "The systray shows the pause",
            trigger: `${SYSTRAY} .o_service_remote_timer_paused`,
        },
        {
            content: "Open the timer menu again",
            trigger: `${SYSTRAY} .o_service_remote_timer_toggle`,
            run: "click",
        },
        {
            content: "Resume from the systray",
            trigger: ".o_service_remote_timer_resume",
            run: "click",
        },
        {
            content: "Running again",
            trigger: `${SYSTRAY} .o_service_remote_timer_running`,
        },
        {
            content: "Open the timer menu to reach the console",
            trigger: `${SYSTRAY} .o_service_remote_timer_toggle`,
            run: "click",
        },
        {
            content: "Open the console",
            trigger: ".o_service_remote_timer_open",
            run: "click",
        },
        {
            content: "The console shows the running session",
            trigger:
                ".o_form_view .o_field_widget[name=partner_id] input:value(Systray Customer)",
        },
        {
            content: "... with its clock running",
            trigger: ".o_form_view .o_service_remote_clock_running",
        },
    ],
});
