import {Component} from "@odoo/owl";
import {formatElapsed} from "../../utils/format_elapsed.esm";
import {registry} from "@web/core/registry";
import {standardFieldProps} from "@web/views/fields/standard_field_props";
import {useLiveElapsed} from "../../utils/live_elapsed.esm";

/**
 * The console's clock: the server's elapsed seconds plus the local time since,
 * while the session runs.
 */
export class SessionClock extends Component {
    static template = "service_remote_timer.SessionClock";
    static props = {...standardFieldProps};

    setup() {
        this.elapsed = useLiveElapsed(() => ({
            value: this.props.record.data[this.props.name],
            state: this.props.record.data.state,
        }));
    }

    get running() {
        return this.elapsed.running;
    }

    get text() {
        return formatElapsed(this.elapsed.seconds);
    }
}

registry.category("fields").add("service_remote_clock", {
    component: SessionClock,
    supportedTypes: ["integer"],
    displayName: "Remote session clock",
});
