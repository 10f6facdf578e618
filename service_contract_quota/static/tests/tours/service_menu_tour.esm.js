import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("service_contract_quota_menu", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Service application",
            trigger:
                '.o_app[data-menu-xmlid="service_contract_quota.service_menu_root"]',
            run: "click",
        },
        {
            content: "The Service app is open",
            trigger: '.o_main_navbar .o_menu_brand:contains("Service")',
        },
        {
            content: "Open the customer contracts",
            trigger:
                '.o_menu_sections [data-menu-xmlid="service_contract_quota.service_contract_menu"]',
            run: "click",
        },
        {
            content: "The technician reads the contracts list",
            trigger: '.o_list_view .o_data_row:contains("Tour customer contract")',
        },
    ],
});
