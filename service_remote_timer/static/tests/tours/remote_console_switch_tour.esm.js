import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

const SYSTRAY = ".o_main_navbar .o_service_remote_timer_systray";

registry.category("web_tour.tours").add("service_remote_timer_switch", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps(
            "service_remote_timer.service_remote_root_menu",
            "Open Remote Support"
        ),
        {
            content: "The console opens on the running session of Switch First",
            trigger: ".o_field_widget[name=partner_id] input:value(Switch First Co)",
        },
        {
            content: "A new session for another caller",
            trigger: ".o_form_button_create",
            run: "click",
        },
        {
            content: "Choose the customer",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Switch Second",
        },
        {
            content: "Pick it in the list",
            trigger:
                ".o_field_widget[name=partner_id] .o-autocomplete--dropdown-menu li:contains(Switch Second)",
            run: "click",
        },
        {
            content: "Start its clock",
            trigger: ".o_service_remote_start",
            run: "click",
        },
        {
            content: "Starting it says which session it paused",
            trigger: ".o_notification:contains(for Switch First Co paused)",
        },
        {
            content: "The systray follows the new session",
            trigger: `${SYSTRAY} .o_service_remote_timer_running:contains(Switch Second)`,
        },
        {
            content: "Some time on the clock (a session of 0 s has nothing to bill)",
            trigger:
                ".o_form_view .o_service_remote_clock_running:not(:contains(0:00:00)):not(:contains(0:00:01))",
        },
        {
            content: "Finish and bill it",
            trigger: ".o_service_remote_finish",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Its sale order opens",
            trigger: ".o_form_view .o_field_widget[name=order_line]",
        },
        {
            content: "The systray shows no clock: it does not jump to Switch First",
            trigger: `.o_main_navbar:not(:has(.o_service_remote_timer_toggle))`,
        },
        {
            content: "It offers the paused session instead",
            trigger: `${SYSTRAY}.o_service_remote_timer_offers .o_service_remote_timer_offers_toggle`,
            run: "click",
        },
        {
            content: "Resume Switch First from the offer",
            trigger: ".o_service_remote_timer_offer:contains(Switch First)",
            run: "click",
        },
        {
            content: "Switch First runs again in the systray",
            trigger: `${SYSTRAY} .o_service_remote_timer_running:contains(Switch First)`,
        },
        {
            content: "Open the list of sessions",
            trigger:
                ".o_main_navbar [data-menu-xmlid='service_remote_timer.service_remote_session_root_menu']",
            run: "click",
        },
        {
            content: "The billed session's duration reads h:mm, its reference whole",
            trigger:
                ".o_list_view .o_data_row:contains(Switch Second) td[name=duration_hours]",
            run() {
                const duration = this.anchor.textContent.trim();
                if (!/^\d+:\d\d$/.test(duration)) {
                    throw new Error(`Duration reads ${duration}, not h:mm`);
                }
                const reference = this.anchor
                    .closest(".o_data_row")
                    .querySelector("td[name=name]");
                if (!reference.textContent.includes("RS/")) {
                    throw new Error(`Reference reads ${reference.textContent}`);
                }
                if (reference.scrollWidth > reference.clientWidth + 1) {
                    throw new Error(`Reference ${reference.textContent} is cut off`);
                }
            },
        },
    ],
});
