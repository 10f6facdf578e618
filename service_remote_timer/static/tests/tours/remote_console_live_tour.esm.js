import {browser} from "@web/core/browser/browser";
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

const FORM = ".o_form_view";
const LIVE = ["quantity", "covered", "billed", "amount"];
const SHOWN = {
    quantity: "preview_quantity",
    covered: "preview_covered",
    billed: "preview_billed",
    amount: "preview_amount",
};
const seen = {};

function text(element) {
    return element.textContent.replace(/\s+/g, " ").trim();
}

/**
 * A JSON-RPC request made outside the web client, as scripts/remote-session
 * makes it: this tab's RPC events do not see it.
 */
async function callOutside(method, args = []) {
    const response = await browser.fetch(
        `/web/dataset/call_kw/service.remote.session/${method}`,
        {
            method: "POST",
            headers: {"Content-Type": "application/json"},
            body: JSON.stringify({
                jsonrpc: "2.0",
                method: "call",
                id: Date.now(),
                params: {model: "service.remote.session", method, args, kwargs: {}},
            }),
        }
    );
    const {result, error} = await response.json();
    if (error) {
        throw new Error(error.data.message);
    }
    return result;
}

/**
 * Change the session from outside, then hand this tab the notification the
 * server sent on the bus (the tests' server has no websocket): the state
 * get_timer_state returns, as the bus carries it.
 */
async function changeOutside(method) {
    const {id} = await callOutside("get_timer_state");
    await callOutside(method, [[id]]);
    const timer = odoo.__WOWL_DEBUG__.root.env.services["service_remote_timer.timer"];
    timer.receive(await callOutside("get_timer_state"));
}

registry.category("web_tour.tours").add("service_remote_timer_live_bill", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps(
            "service_remote_timer.service_remote_root_menu",
            "Open Remote Support"
        ),
        {
            content: "The console opens on the running session",
            trigger: `${FORM} .o_service_remote_clock_running`,
        },
        {
            content: "While it runs, the bill is live: the 3 covered minutes",
            trigger: `${FORM} .o_service_remote_live_covered:contains(3.00)`,
        },
        {
            content: "... and the billable minutes tick from 5 to 6 without a reload",
            trigger: `${FORM} .o_service_remote_live_quantity:contains(6.00)`,
            timeout: 45000,
        },
        {
            content: "... 3 minutes to pay, 4.50 at 1.50 per minute",
            trigger: `${FORM} .o_service_remote_live_billed:contains(3.00)`,
            run() {
                for (const name of LIVE) {
                    seen[name] = text(
                        document.querySelector(`${FORM} .o_service_remote_live_${name}`)
                    );
                }
                if (!seen.amount.includes("4.50")) {
                    throw new Error(`Live amount ${seen.amount}, expected 4.50`);
                }
            },
        },
        {
            content: "Pause",
            trigger: ".o_service_remote_pause",
            run: "click",
        },
        {
            content: "Pause shows what the live bill said",
            trigger: `${FORM} .o_service_remote_resume`,
            run() {
                for (const name of LIVE) {
                    const shown = text(
                        document.querySelector(
                            `${FORM} .o_field_widget[name=${SHOWN[name]}]`
                        )
                    );
                    if (shown !== seen[name]) {
                        throw new Error(`${name}: live ${seen[name]}, Pause ${shown}`);
                    }
                }
            },
        },
        {
            content: "Resume it over RPC, as scripts/remote-session does",
            trigger: `${FORM} .o_service_remote_resume`,
            run: () => changeOutside("action_resume"),
        },
        {
            content: "The console follows: running again",
            trigger: `${FORM} .o_statusbar_status .o_arrow_button_current:contains(Running)`,
        },
        {
            content: "... its clock runs",
            trigger: `${FORM} .o_service_remote_clock_running`,
        },
        {
            content: "Pause it over RPC",
            trigger: `${FORM} .o_service_remote_pause`,
            run: () => changeOutside("action_pause"),
        },
        {
            content: "The console follows: paused, Resume offered",
            trigger: `${FORM} .o_service_remote_resume`,
        },
        {
            content: "... its status reads Paused",
            trigger: `${FORM} .o_statusbar_status .o_arrow_button_current:contains(Paused)`,
        },
        {
            content: "Finish it over RPC",
            trigger: `${FORM} .o_service_remote_resume`,
            run: () => changeOutside("action_finish"),
        },
        {
            content: "The console follows: billed, its order linked",
            trigger: `${FORM} .o_statusbar_status .o_arrow_button_current:contains(Done)`,
        },
        {
            content: "... the order's button shows",
            trigger: `${FORM} .oe_stat_button .o_stat_info`,
        },
    ],
});
