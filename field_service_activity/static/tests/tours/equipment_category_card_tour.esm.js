import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("field_service_activity_category_card", {
    steps: () => [
        {
            content: "The category shows its technical card",
            trigger: '.o_field_properties:contains("Fuel")',
        },
        {
            content: "Open the gear menu",
            trigger: ".o_cp_action_menus button.dropdown-toggle",
            run: "click",
        },
        {
            content: "Add a field to the card",
            trigger: '.o-dropdown--menu span:contains("Add Properties")',
            run: "click",
        },
        {
            content: "Name it",
            trigger: ".o_property_field_popover .o_field_property_definition_header",
            run: "edit Flue diameter",
        },
        {
            content: "Close the field's settings",
            trigger: ".o_form_view .oe_title h1",
            run: "click",
        },
        {
            trigger: '.o_field_properties:contains("Flue diameter")',
        },
        {
            content: "Save the category",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
    ],
});
