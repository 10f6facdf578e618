import {registry} from "@web/core/registry";

// A service manager renews a quota in one click (data from
// test_quota_renew_backend_tour.py): the quotation opens with the top-up line.
const TOPUP_LINE =
    ".o_form_view .o_field_widget[name=order_line] .o_data_row:contains(Backend top-up package):contains(390.00)";

function quotationSteps() {
    return [
        {
            content: "The renewal quotation opens, to the customer",
            trigger:
                ".o_form_view .o_field_widget[name=partner_id] input:value(Backend Renewal Ltd)",
        },
        {
            content: "It holds the top-up line of the quota",
            trigger: TOPUP_LINE,
        },
        {
            content: "It is a quotation, still to send",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Quotation)",
        },
    ];
}

registry.category("web_tour.tours").add("service_quota_renew_from_quota", {
    steps: () => [
        {
            content: "The quota form offers Renew",
            trigger:
                ".o_form_view .o_field_widget[name=name]:contains(Backend renewal quota), .o_form_view .o_field_widget[name=name] input:value(Backend renewal quota)",
        },
        {
            content: "Renew",
            trigger: ".o_form_view .o_form_statusbar button[name=action_service_renew]",
            run: "click",
        },
        ...quotationSteps(),
    ],
});

registry.category("web_tour.tours").add("service_quota_renew_from_contract", {
    steps: () => [
        {
            content: "Renew on the contract of a low quota",
            trigger: ".o_form_view .o_form_statusbar button[name=action_service_renew]",
            run: "click",
        },
        ...quotationSteps(),
    ],
});

registry.category("web_tour.tours").add("service_quota_renew_from_activity", {
    steps: () => [
        {
            content: "The low-balance activity is on the contract's chatter",
            trigger: ".o-mail-Activity:contains(Offer an extension)",
        },
        {
            content: "Its note links to Renew: click it",
            trigger:
                ".o-mail-Activity .o-mail-Activity-note a:contains(Renew: quotation for Backend renewal quota)",
            run: "click",
        },
        ...quotationSteps(),
    ],
});
