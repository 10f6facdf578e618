import {registry} from "@web/core/registry";

// The customer accepts and signs the renewal quotation of its quota on the
// portal (data from test_quota_renewal_tour.py).
registry.category("web_tour.tours").add("service_quota_renewal_portal_sign", {
    url: "/my/quotes",
    steps: () => [
        {
            content: "Open the renewal quotation",
            trigger: "a:contains(/^Renewal tour quote$/)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "It sells the top-up of the quota",
            trigger: "#quote_content:contains(Top-up of 300 minutes)",
        },
        {
            content: "Accept and sign",
            trigger: "a:contains(Sign)",
            run: "click",
        },
        {
            content: "Type the name: the signature draws itself",
            trigger: ".modal .o_web_sign_name_and_signature input",
            run: "edit Renewal Contact",
        },
        {
            content: "Wait until the signature is drawn",
            trigger: ".modal canvas.o_web_sign_signature",
            async run({anchor}) {
                const drawn = () => {
                    const context = anchor.getContext("2d");
                    const {data} = context.getImageData(
                        0,
                        0,
                        anchor.width,
                        anchor.height
                    );
                    return data.some((value) => value !== 0);
                };
                for (let tries = 0; tries < 100 && !drawn(); tries++) {
                    await new Promise((resolve) => setTimeout(resolve, 50));
                }
            },
        },
        {
            content: "Sign",
            trigger: ".modal .o_portal_sign_submit:enabled",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The order is confirmed",
            trigger: ".alert-success:contains(Your order has been confirmed)",
        },
    ],
});
