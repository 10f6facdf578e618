import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

const BANNER = ".o_form_view .o_service_remote_banner";

function chooseCustomer(name) {
    return [
        {
            content: `Choose ${name}`,
            trigger: ".o_field_widget[name=partner_id] input",
            run: `edit ${name}`,
        },
        {
            content: `Pick ${name} in the list`,
            trigger: `.o_field_widget[name=partner_id] .o-autocomplete--dropdown-menu li:contains(${name})`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("service_remote_timer_price_banners", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps(
            "service_remote_timer.service_remote_root_menu",
            "Open Remote Support"
        ),
        {
            content: "A new session reads New, not /",
            trigger: ".o_form_view .oe_title .o_field_widget[name=name]:contains(New)",
        },
        {
            content: "Finish & bill is not offered on a session with no time",
            trigger:
                ".o_form_view:has(.o_service_remote_start):not(:has(.o_service_remote_finish))",
        },
        ...chooseCustomer("Banner Low"),
        {
            content: "Low quota: what is left, the threshold and the price beyond",
            trigger: `${BANNER}_warning:contains(is low):contains(10 of 60 left):contains(alert at 20 %):contains(1.50):contains(per minute)`,
        },
        ...chooseCustomer("Banner Exhausted"),
        {
            content: "Exhausted quota: the overage price per minute",
            trigger: `${BANNER}_danger:contains(is used up until):contains(billed at the overage price):contains(1.20):contains(per minute)`,
        },
        ...chooseCustomer("Banner Ended"),
        {
            content: "Ended contract: when it ended, its dates and the list price",
            trigger: `${BANNER}_danger:contains(ended on 2020-12-31):contains(valid from 2020-01-01 to 2020-12-31):contains(Billed at list price):contains(1.50)`,
        },
        ...chooseCustomer("Banner Future"),
        {
            content: "Contract not started yet: when it starts and the list price",
            trigger: `${BANNER}_warning:contains(starts on 2099-01-01):contains(Billed at list price):contains(1.50)`,
        },
        ...chooseCustomer("Banner Nothing"),
        {
            content: "No contract: billed at list price, per minute",
            trigger: `${BANNER}_info:contains(No contract of Banner Nothing):contains(billed at list price):contains(1.50):contains(per minute)`,
        },
        {
            content: "Only one banner at a time",
            trigger: `.o_form_view:not(:has(${BANNER}_danger)):not(:has(${BANNER}_warning))`,
        },
        {
            content: "Save the draft",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved: it has its reference",
            trigger: ".o_form_view .oe_title .o_field_widget[name=name]:contains(RS/)",
        },
    ],
});
