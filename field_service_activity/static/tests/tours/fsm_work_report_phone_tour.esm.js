import {registry} from "@web/core/registry";

const SHEET = ".o_fsa_work_report .o_form_sheet";
const ACTIONS = `${SHEET} .o_fsa_work_actions`;

/** The anchor is on screen, whole: not cut by the 390 px width. */
function onScreen() {
    const element = this.anchor;
    const rect = element.getBoundingClientRect();
    if (rect.left < 0 || rect.right > window.innerWidth + 1) {
        throw new Error(`${element.className} overflows the screen: ${rect.right}px`);
    }
    if (rect.width < 0.8 * window.innerWidth - 40) {
        throw new Error(`${element.className} is not a big button: ${rect.width}px`);
    }
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Draw a stroke on the signature pad, as a finger does. */
async function drawSignature() {
    const canvas = this.anchor;
    const rect = canvas.getBoundingClientRect();
    const event = (type, x, y) =>
        new window.PointerEvent(type, {
            bubbles: true,
            cancelable: true,
            pointerId: 1,
            pointerType: "touch",
            isPrimary: true,
            buttons: type === "pointerup" ? 0 : 1,
            pressure: 0.5,
            clientX: rect.left + x,
            clientY: rect.top + y,
        });
    canvas.dispatchEvent(event("pointerdown", 20, 20));
    for (let step = 1; step <= 12; step++) {
        await pause(25);
        canvas.dispatchEvent(
            event("pointermove", 20 + step * 15, 20 + (step % 3) * 15)
        );
    }
    canvas.ownerDocument.dispatchEvent(event("pointerup", 200, 40));
}

registry.category("web_tour.tours").add("field_service_activity_work_report_phone", {
    url: "/odoo/action-field_service_activity.fsm_order_action_my_activities",
    steps: () => [
        {
            content: "My activities: the planned visit at Acme's boiler",
            trigger:
                ".o_kanban_record:contains(WO-PHONE-TOUR):contains(Boiler, basement)",
            run: "click",
        },
        {
            content: "The work report opens: Start is a big button",
            trigger: `${ACTIONS} button.o_fsa_start`,
            run: onScreen,
        },
        {
            content: "Start the clock",
            trigger: `${ACTIONS} button.o_fsa_start`,
            run: "click",
        },
        {
            content: "Running: Stop is a big button",
            trigger: `${ACTIONS} button.o_fsa_stop`,
            run: onScreen,
        },
        {
            content: "The running time is shown",
            trigger: `${ACTIONS} .o_fsa_running`,
        },
        {
            content: "The planned filter is prefilled as used",
            trigger: `${SHEET} .o_fsa_parts .o_data_row:contains(Burner filter) td[name=used_qty]:contains(2.00)`,
        },
        {
            content: "Log a part used: add a line",
            trigger: `${SHEET} .o_fsa_parts .o_field_x2many_list_row_add a`,
            run: "click",
        },
        {
            content: "Choose the part: a phone opens a search dialog",
            trigger: `${SHEET} .o_fsa_parts .o_selected_row [name=product_id] input`,
            run: "click",
        },
        {
            content: "Open its search bar",
            trigger: ".modal button:has(.fa-search)",
            run: "click",
        },
        {
            content: "Search the gasket",
            trigger: ".modal .o_searchview_input",
            run: "edit Gasket",
        },
        {
            content: "Search",
            trigger: ".modal .o_searchview_input",
            run: "press Enter",
        },
        {
            content: "Pick the gasket set",
            trigger: ".modal .o_kanban_record:contains(Gasket set)",
            run: "click",
        },
        {
            content: "One used",
            trigger: `${SHEET} .o_fsa_parts .o_selected_row [name=used_qty] input`,
            run: "edit 1",
        },
        {
            content: "Kilometres driven",
            trigger: `${SHEET} .o_fsa_km input`,
            run: "edit 37",
        },
        {
            content: "A few seconds of work",
            trigger: `${ACTIONS} button.o_fsa_stop`,
            run: () => pause(1200),
        },
        {
            content: "Stop the clock (the report is saved first)",
            trigger: `${ACTIONS} button.o_fsa_stop`,
            run: "click",
        },
        {
            content: "Stopped: Start again is offered",
            trigger: `${ACTIONS} button.o_fsa_start`,
        },
        {
            content: "The time is in the list",
            trigger: `${SHEET} .o_fsa_time_list .o_data_row:contains(Time on site)`,
        },
        {
            content: "The customer signs: a big button",
            trigger: `${ACTIONS} button.o_fsa_sign`,
            run: onScreen,
        },
        {
            content: "Open the signature",
            trigger: `${ACTIONS} button.o_fsa_sign`,
            run: "click",
        },
        {
            content: "The signer's name",
            trigger: ".modal [name=signed_by] input",
            run: "edit Alice Baker",
        },
        {
            content: "Open the signature pad",
            trigger: ".modal [name=signature] .o_signature",
            run: "click",
        },
        {
            content: "Draw by hand",
            trigger: ".modal .o_web_sign_draw_button",
            run: "click",
        },
        {
            content: "Sign with a finger on the canvas",
            trigger: ".modal canvas.o_web_sign_signature",
            run: drawSignature,
        },
        {
            content: "Adopt the signature",
            trigger: ".modal .modal-footer button.btn-primary:contains(Adopt):enabled",
            run: "click",
        },
        {
            content: "Confirm the signature",
            trigger: ".modal button.o_fsa_sign_confirm",
            run: "click",
        },
        {
            content: "Done: the report is locked and says so",
            trigger: `${SHEET} .o_fsa_locked`,
        },
        {
            content: "The status reads done",
            trigger: `${SHEET} [name=service_state]:contains(Done)`,
        },
        {
            content: "No Start any more",
            trigger: `${SHEET}:not(:has(button.o_fsa_start))`,
        },
    ],
});
