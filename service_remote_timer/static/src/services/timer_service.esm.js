import {EventBus, reactive} from "@odoo/owl";
import {registry} from "@web/core/registry";
import {rpcBus} from "@web/core/network/rpc";
import {user} from "@web/core/user";

export const SESSION_MODEL = "service.remote.session";
const TECHNICIAN = "service_contract_quota.group_service_technician";

/**
 * The technician's current remote support session, shared by the systray
 * timer and the open consoles.
 *
 * The state comes from the server (elapsed seconds computed from the stored
 * intervals): the current session, and the other paused sessions offered when
 * none is current. It is refreshed:
 * - by a bus notification the server sends on every clock change, so another
 *   tab, the systray or the remote-session helper updates this tab at once
 *   without polling;
 * - after any RPC of this tab on sessions (console buttons, saves).
 * Every new state is announced on ``bus`` (TIMER-CHANGED): the consoles
 * reload their session when it changed elsewhere.
 */
export const timerService = {
    dependencies: ["action", "bus_service", "orm"],
    start(env, {action, bus_service: busService, orm}) {
        const state = reactive({current: null, paused: [], enabled: false});
        const bus = new EventBus();

        function apply(payload) {
            state.current =
                payload && payload.id ? {...payload, receivedAt: Date.now()} : null;
            state.paused = ((payload && payload.paused) || []).map((offer) => ({
                ...offer,
            }));
            bus.trigger("TIMER-CHANGED", payload || {id: false});
        }

        async function refresh() {
            if (!state.enabled) {
                return;
            }
            try {
                apply(await orm.silent.call(SESSION_MODEL, "get_timer_state", []));
            } catch {
                // Offline or access lost: keep the last known state.
            }
        }

        /**
         * A bus notification: its state at once, then read again, since its
         * seconds were counted when it was sent (a late or replayed
         * notification would set the clock back).
         */
        function receive(payload) {
            apply(payload);
            return refresh();
        }

        async function act(method, sessionId) {
            if (!sessionId) {
                return;
            }
            const result = await orm.call(SESSION_MODEL, method, [[sessionId]]);
            if (result && typeof result === "object" && result.type) {
                // e.g. "RS/... for Globex paused"
                await action.doAction(result);
            }
            await refresh();
        }

        user.hasGroup(TECHNICIAN).then((isTechnician) => {
            if (!isTechnician) {
                return;
            }
            state.enabled = true;
            refresh();
            busService.subscribe("service_remote_timer/timer", receive);
            busService.start();
            rpcBus.addEventListener("RPC:RESPONSE", (ev) => {
                const params = ev.detail.data && ev.detail.data.params;
                if (
                    params &&
                    params.model === SESSION_MODEL &&
                    params.method !== "get_timer_state"
                ) {
                    refresh();
                }
            });
        });

        return {
            state,
            bus,
            receive,
            refresh,
            pause: () => act("action_pause", state.current && state.current.id),
            resume: (sessionId) =>
                act("action_resume", sessionId || (state.current && state.current.id)),
        };
    },
};

registry.category("services").add("service_remote_timer.timer", timerService);
