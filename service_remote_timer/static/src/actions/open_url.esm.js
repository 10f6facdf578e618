import {_t} from "@web/core/l10n/translation";
import {browser} from "@web/core/browser/browser";
import {registry} from "@web/core/registry";

/**
 * Open a remote tool's link (anydesk:..., rdp://...) in a new window, then
 * reload the console so that it shows the running clock.
 *
 * Odoo's URL action would turn a custom scheme into a path of this site.
 */
function openRemoteTool(env, action) {
    const url = action.params && action.params.url;
    if (url) {
        const opened = browser.open(url, "_blank");
        if (!opened) {
            env.services.notification.add(
                _t("Allow pop-ups for this site to open remote tools: %s", url),
                {type: "warning", sticky: true}
            );
        }
    }
    return {type: "ir.actions.client", tag: "soft_reload"};
}

registry.category("actions").add("service_remote_timer.open_url", openRemoteTool);
