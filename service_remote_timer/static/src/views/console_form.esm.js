import {FormController} from "@web/views/form/form_controller";
import {formView} from "@web/views/form/form_view";
import {registry} from "@web/core/registry";
import {useBus, useService} from "@web/core/utils/hooks";

/**
 * Whether the timer state says exactly what the console shows of its session:
 * then the change came from the console itself, or is already on screen.
 */
export function showsTimer(data, resId, timer) {
    return Boolean(
        timer &&
            timer.id === resId &&
            timer.state === data.state &&
            timer.closed_seconds === data.closed_seconds
    );
}

/**
 * The remote support console follows its session when the clock changes
 * elsewhere (systray, another tab, scripts/remote-session): the timer service
 * hears of it through the bus and the console reloads the session.
 */
export class RemoteConsoleFormController extends FormController {
    setup() {
        super.setup();
        this.timerService = useService("service_remote_timer.timer");
        useBus(this.timerService.bus, "TIMER-CHANGED", (ev) =>
            this.followTimer(ev.detail)
        );
    }

    async followTimer(timer) {
        const record = this.model.root;
        if (!record || record.isNew || showsTimer(record.data, record.resId, timer)) {
            return;
        }
        // Changes typed in the console are kept: saved first, as when leaving it.
        if (await record.isDirty()) {
            await record.save();
        }
        await record.load();
    }
}

registry.category("views").add("service_remote_console", {
    ...formView,
    Controller: RemoteConsoleFormController,
});
