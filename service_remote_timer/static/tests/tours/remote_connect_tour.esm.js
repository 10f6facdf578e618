import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("service_remote_timer_connect", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps(
            "service_remote_timer.service_remote_root_menu",
            "Open Remote Support"
        ),
        {
            content: "Choose the customer",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Connect Customer",
        },
        {
            content: "Pick it in the list",
            trigger:
                ".o_field_widget[name=partner_id] .o-autocomplete--dropdown-menu li:contains(Connect Customer)",
            run: "click",
        },
        {
            content: "One click on the customer's AnyDesk ID",
            trigger:
                ".o_field_widget[name=remote_access_ids] .o_data_row:contains(AnyDesk) .o_service_remote_connect",
            run: "click",
        },
        {
            content: "The clock runs",
            trigger: ".o_form_view .o_service_remote_clock_running",
        },
        {
            content: "The session is saved and running",
            trigger:
                ".o_form_view .o_statusbar_status .o_arrow_button_current:contains(Running)",
        },
    ],
});
