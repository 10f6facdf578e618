import {Component, onWillUnmount, useState} from "@odoo/owl";
import {Dropdown} from "@web/core/dropdown/dropdown";
import {DropdownItem} from "@web/core/dropdown/dropdown_item";
import {SESSION_MODEL} from "../../services/timer_service.esm";
import {browser} from "@web/core/browser/browser";
import {formatElapsed} from "../../utils/format_elapsed.esm";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";

/**
 * The current session's clock in the navbar, with Pause / Resume. With no
 * current session (after Finish or Cancel), the other paused sessions are
 * offered to resume: the clock does not jump to another customer's session.
 */
export class TimerSystray extends Component {
    static template = "service_remote_timer.TimerSystray";
    static components = {Dropdown, DropdownItem};
    static props = {};

    setup() {
        this.timerService = useService("service_remote_timer.timer");
        this.timer = useState(this.timerService.state);
        this.action = useService("action");
        this.clock = useState({now: Date.now()});
        const tick = browser.setInterval(() => (this.clock.now = Date.now()), 1000);
        onWillUnmount(() => browser.clearInterval(tick));
    }

    get running() {
        return Boolean(this.timer.current && this.timer.current.running);
    }

    get clockText() {
        const current = this.timer.current || {};
        const live = this.running
            ? Math.max(0, (this.clock.now - current.receivedAt) / 1000)
            : 0;
        return formatElapsed((current.elapsed_seconds || 0) + live);
    }

    elapsedText(seconds) {
        return formatElapsed(seconds);
    }

    openConsole(sessionId) {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: SESSION_MODEL,
            res_id: sessionId || this.timer.current.id,
            views: [[false, "form"]],
            target: "current",
        });
    }

    pause() {
        return this.timerService.pause();
    }

    resume(sessionId) {
        return this.timerService.resume(sessionId);
    }
}

registry
    .category("systray")
    .add("service_remote_timer.timer", {Component: TimerSystray}, {sequence: 90});
