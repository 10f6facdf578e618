import {onWillUnmount, useState} from "@odoo/owl";
import {browser} from "@web/core/browser/browser";

/**
 * Seconds on a session's clock, live: the server's elapsed seconds (computed
 * from the stored intervals when the record was read) plus the local time
 * since, while the session runs. Re-renders the component every second.
 *
 * @param {Function} read returns {value, state} of the record now
 * @returns {{seconds: Number, running: Boolean}}
 */
export function useLiveElapsed(read) {
    const clock = useState({now: Date.now()});
    const tick = browser.setInterval(() => (clock.now = Date.now()), 1000);
    onWillUnmount(() => browser.clearInterval(tick));
    let base = {value: null, state: null, at: 0};
    return {
        get running() {
            return read().state === "running";
        },
        get seconds() {
            const {value, state} = read();
            // The server's value is "now" when the record was read: count
            // from there, again whenever it or the state (Start, Resume) changes.
            if (value !== base.value || state !== base.state) {
                base = {value, state, at: Date.now()};
            }
            const live = state === "running" ? Math.max(0, clock.now - base.at) : 0;
            return (value || 0) + Math.floor(live / 1000);
        },
    };
}
