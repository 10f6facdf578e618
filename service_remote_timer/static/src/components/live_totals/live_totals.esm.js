import {formatFloat, formatMonetary} from "@web/views/fields/formatters";
import {Component} from "@odoo/owl";
import {liveBill} from "../../utils/live_plan.esm";
import {registry} from "@web/core/registry";
import {standardFieldProps} from "@web/views/fields/standard_field_props";
import {useLiveElapsed} from "../../utils/live_elapsed.esm";

/**
 * The bill of the running clock, recomputed every second in the browser from
 * the session's plan (field live_plan): billable quantity, covered part, what
 * the customer pays and the amount, as Pause will show them.
 */
export class LiveTotals extends Component {
    static template = "service_remote_timer.LiveTotals";
    static props = {...standardFieldProps};

    setup() {
        this.elapsed = useLiveElapsed(() => ({
            value: this.props.record.data.elapsed_seconds,
            state: this.props.record.data.state,
        }));
    }

    get plan() {
        return this.props.record.data[this.props.name];
    }

    get bill() {
        return this.plan ? liveBill(this.elapsed.seconds, this.plan) : null;
    }

    quantity(value) {
        return formatFloat(value, {digits: [16, 2]});
    }

    money(value) {
        return formatMonetary(value, {currencyId: this.plan.currency_id});
    }
}

registry.category("fields").add("service_remote_live_totals", {
    component: LiveTotals,
    supportedTypes: ["json"],
    displayName: "Remote session live bill",
});
