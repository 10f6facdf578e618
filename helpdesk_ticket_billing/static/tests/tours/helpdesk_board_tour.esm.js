import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

const BOARD = "helpdesk_ticket_billing.helpdesk_board_menu";

function openBoard(menu, content) {
    return [
        {
            content: "Open the helpdesk board",
            trigger: `.o_menu_sections [data-menu-xmlid="${BOARD}"]`,
            run: "click",
        },
        {
            content,
            trigger: `.dropdown-item[data-menu-xmlid="helpdesk_ticket_billing.${menu}"]`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("helpdesk_ticket_billing_board", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Service application",
            trigger:
                '.o_app[data-menu-xmlid="service_contract_quota.service_menu_root"]',
            run: "click",
        },
        ...openBoard("helpdesk_board_in_progress_menu", "Tickets in progress"),
        {
            content: "The ticket waiting on the customer is in its column",
            trigger:
                '.o_kanban_group:contains("Waiting on the customer") .o_kanban_record:contains("Board waiting ticket"):contains("Waiting on the customer")',
        },
        {
            content: "The late ticket waits on us, its deadline in red",
            trigger:
                '.o_kanban_group:contains("Waiting on us") .o_kanban_record:contains("Board late ticket") .text-danger',
        },
        ...openBoard("helpdesk_board_overdue_menu", "Overdue tickets"),
        {
            content: "Only the late ticket is overdue",
            trigger:
                '.o_list_view .o_data_row:contains("Board late ticket"):not(:contains("Board waiting ticket"))',
        },
        {
            content: "The waiting ticket is not overdue",
            trigger:
                '.o_list_view:not(:has(.o_data_row:contains("Board waiting ticket")))',
        },
        ...openBoard("helpdesk_board_sla_menu", "SLA met and breached"),
        {
            content: "The SLA pivot by team and customer",
            trigger: '.o_pivot th:contains("Board Customer")',
        },
        ...openBoard("helpdesk_board_time_menu", "Ticket time per customer"),
        {
            content: "The time pivot by customer and day",
            trigger: '.o_pivot th:contains("Board Customer")',
        },
    ],
});
