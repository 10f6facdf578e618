import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("field_service_activity_approve_invoice", {
    steps: () => [
        {
            content: "The signed activity waits for approval: approve it",
            trigger:
                ".o_form_view .o_form_statusbar button[name=action_service_approve]",
            run: "click",
        },
        {
            content: "Approved and billed: invoice it",
            trigger:
                ".o_form_view .o_form_statusbar button[name=action_service_invoice]",
            run: "click",
        },
        {
            content: "The posted invoice opens",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Posted)",
        },
        {
            content: "It bills the activity's work",
            trigger:
                ".o_form_view .o_field_one2many[name=invoice_line_ids] td:contains(Burner filter)",
        },
    ],
});
