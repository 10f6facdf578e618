import {Component, onWillUnmount, useState} from "@odoo/owl";
import {browser} from "@web/core/browser/browser";
import {formatElapsed} from "../../utils/format_elapsed.esm";
import {registry} from "@web/core/registry";
import {standardFieldProps} from "@web/views/fields/standard_field_props";

/**
 * The console's clock: the server's elapsed seconds (computed from the stored
 * intervals when the record was read) plus the local time since, while the
 * session runs.
 */
export class SessionClock extends Component {
    static template = "service_remote_timer.SessionClock";
    static props = {...standardFieldProps};

    setup() {
        this.clock = useState({now: Date.now()});
        this.base = {value: null, state: null, at: 0};
        const tick = browser.setInterval(() => (this.clock.now = Date.now()), 1000);
        onWillUnmount(() => browser.clearInterval(tick));
    }

    get running() {
        return this.props.record.data.state === "running";
    }

    get seconds() {
        const value = this.props.record.data[this.props.name] || 0;
        const state = this.props.record.data.state;
        // The server's value is "now" when the record was read: count from
        // there, again whenever it or the state (Start, Resume) changes.
        if (value !== this.base.value || state !== this.base.state) {
            this.base = {value, state, at: Date.now()};
        }
        const live = this.running ? Math.max(0, this.clock.now - this.base.at) : 0;
        return value + Math.floor(live / 1000);
    }

    get text() {
        return formatElapsed(this.seconds);
    }
}

registry.category("fields").add("service_remote_clock", {
    component: SessionClock,
    supportedTypes: ["integer"],
    displayName: "Remote session clock",
});
