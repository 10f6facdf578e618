import {registry} from "@web/core/registry";

const SHEET = ".o_form_view .o_form_sheet";
const BUTTONS = `${SHEET} .o_service_remote_actions`;

/** The anchor is on screen, whole: not cut by the 390 px width. */
function onScreen() {
    const element = this.anchor;
    const rect = element.getBoundingClientRect();
    if (rect.left < 0 || rect.right > window.innerWidth + 1) {
        throw new Error(`${element.className} overflows the screen: ${rect.right}px`);
    }
    if (element.scrollWidth > element.clientWidth + 1) {
        throw new Error(`${element.className} is cut: ${element.textContent}`);
    }
}

registry.category("web_tour.tours").add("service_remote_timer_phone", {
    url: "/odoo/action-service_remote_timer.service_remote_session_action_open_console",
    steps: () => [
        {
            content: "Phone width: the console opens on a new session",
            trigger: `${BUTTONS} .o_service_remote_start`,
            run: onScreen,
        },
        {
            content: "Choose the customer: a phone opens a search dialog",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "click",
        },
        {
            content: "Open its search bar",
            trigger: ".modal button:has(.fa-search)",
            run: "click",
        },
        {
            content: "Search the customer",
            trigger: ".modal .o_searchview_input",
            run: "edit Phone Customer",
        },
        {
            content: "Search",
            trigger: ".modal .o_searchview_input",
            run: "press Enter",
        },
        {
            content: "Pick it",
            trigger: ".modal .o_kanban_record:contains(Phone Customer Co)",
            run: "click",
        },
        {
            content: "Its AnyDesk ID is readable, whole, on a card",
            trigger: `${SHEET} .o_kanban_record .o_service_remote_id:contains(123 456 789)`,
            run: onScreen,
        },
        {
            content: "... its TeamViewer ID too",
            trigger: `${SHEET} .o_kanban_record .o_service_remote_id:contains(1 234 567 890)`,
            run: onScreen,
        },
        {
            content: "Connect is a button on the card",
            trigger: `${SHEET} .o_kanban_record:contains(AnyDesk) button.o_service_remote_connect`,
            run: onScreen,
        },
        {
            content: "Start is a button in the sheet, not in the gear menu",
            trigger: `${BUTTONS} button.o_service_remote_start`,
            run: "click",
        },
        {
            content: "Running: Pause is a button",
            trigger: `${BUTTONS} button.o_service_remote_pause`,
            run: onScreen,
        },
        {
            content: "... and Finish & bill",
            trigger: `${BUTTONS} button.o_service_remote_finish`,
            run: onScreen,
        },
        {
            content: "Pause",
            trigger: `${BUTTONS} button.o_service_remote_pause`,
            run: "click",
        },
        {
            content: "Paused: Resume is a button",
            trigger: `${BUTTONS} button.o_service_remote_resume`,
            run: onScreen,
        },
        {
            content: "Connect on the card resumes the clock",
            trigger: `${SHEET} .o_kanban_record:contains(AnyDesk) button.o_service_remote_connect`,
            run: "click",
        },
        {
            content: "Running again",
            trigger: `${BUTTONS} button.o_service_remote_pause`,
        },
        {
            content: "Some time on the clock (a session of 0 s has nothing to bill)",
            trigger:
                ".o_form_view .o_service_remote_clock_running:not(:contains(0:00:00)):not(:contains(0:00:01))",
        },
        {
            content: "Finish & bill",
            trigger: `${BUTTONS} button.o_service_remote_finish`,
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The sale order opens",
            trigger: ".o_form_view .o_field_widget[name=order_line]",
        },
    ],
});
