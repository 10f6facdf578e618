import {registry} from "@web/core/registry";

function pick(field, text) {
    return [
        {
            content: `Choose ${text}`,
            trigger: `.o_form_view .o_field_widget[name=${field}] input`,
            run: `edit ${text}`,
        },
        {
            trigger: `.o_field_widget[name=${field}] .o-autocomplete--dropdown-menu li:contains(${text})`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("field_service_activity_planning", {
    steps: () => [
        {
            content: "A new activity: the customer first",
            trigger: ".o_form_view .o_field_widget[name=service_partner_id] input",
        },
        ...pick("service_partner_id", "Acme Industries"),
        {
            content: "then one of the customer's equipment",
            trigger:
                ".o_field_widget[name=service_partner_id] input:value(Acme Industries)",
        },
        ...pick("service_equipment_id", "Printer, 2nd floor"),
        {
            content: "The equipment brings the customer's site",
            trigger: ".o_field_widget[name=location_id] input:value(Acme Industries)",
        },
        {
            content: "Out of warranty: a one-off visit",
            trigger:
                ".o_field_widget[name=service_kind] input[data-value=one_off]:checked",
        },
        {
            content: "Plan it: a technician",
            trigger: ".o_notebook .nav-link:contains(Planning)",
            run: "click",
        },
        ...pick("person_id", "Tess Technician"),
        {
            content: "and a start",
            trigger: ".o_field_widget[name=scheduled_date_start] input",
            run: "edit 03/15/2030 09:00:00",
        },
        {
            trigger: ".o_field_widget[name=scheduled_duration] input",
            run: "edit 2",
        },
        {
            content: "Nobody else is planned then: no warning",
            trigger: ".o_form_view:not(:has(.o_service_overlap_warning:visible))",
        },
        {
            content: "Plan a part",
            trigger: ".o_notebook .nav-link:contains(Parts and estimate)",
            run: "click",
        },
        {
            trigger:
                ".o_field_widget[name=service_line_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger:
                ".o_field_widget[name=service_line_ids] .o_data_row .o_field_widget[name=product_id] input",
            run: "edit Gasket set",
        },
        {
            trigger:
                ".o_field_widget[name=service_line_ids] .o-autocomplete--dropdown-menu li:contains(Gasket set)",
            run: "click",
        },
        {
            trigger:
                ".o_field_widget[name=service_line_ids] .o_data_row .o_field_widget[name=planned_qty] input",
            run: "edit 2",
        },
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved with its number",
            trigger: ".o_breadcrumb .active:contains(FO)",
        },
        {
            content: "The estimate totals the planned part",
            trigger:
                ".o_form_view .o_field_widget[name=service_estimate_total]:contains(25.00)",
        },
        {
            content: "Back to the list: the visit is there",
            trigger: ".o_breadcrumb a:contains(Orders)",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row:contains(Printer, 2nd floor)",
        },
    ],
});
