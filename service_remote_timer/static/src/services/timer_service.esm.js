import {reactive} from "@odoo/owl";
import {registry} from "@web/core/registry";
import {rpcBus} from "@web/core/network/rpc";
import {user} from "@web/core/user";

export const SESSION_MODEL = "service.remote.session";
const TECHNICIAN = "service_contract_quota.group_service_technician";

/**
 * The technician's current remote support session, shared by the systray
 * timer and whoever else needs it.
 *
 * The state comes from the server (elapsed seconds computed from the stored
 * intervals) and is refreshed:
 * - by a bus notification the server sends on every clock change, so another
 *   tab, the console or the remote-session helper updates this tab at once
 *   without polling;
 * - after any RPC of this tab on sessions (console buttons, saves).
 */
export const timerService = {
    dependencies: ["bus_service", "orm"],
    start(env, {bus_service: busService, orm}) {
        const state = reactive({current: null, enabled: false});

        function apply(payload) {
            state.current =
                payload && payload.id ? {...payload, receivedAt: Date.now()} : null;
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

        async function act(method) {
            if (!state.current) {
                return;
            }
            await orm.call(SESSION_MODEL, method, [[state.current.id]]);
            await refresh();
        }

        user.hasGroup(TECHNICIAN).then((isTechnician) => {
            if (!isTechnician) {
                return;
            }
            state.enabled = true;
            refresh();
            busService.subscribe("service_remote_timer/timer", apply);
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
            refresh,
            pause: () => act("action_pause"),
            resume: () => act("action_resume"),
        };
    },
};

registry.category("services").add("service_remote_timer.timer", timerService);
