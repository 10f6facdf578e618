import {describe, expect, test} from "@odoo/hoot";
import {formatElapsed} from "@service_remote_timer/utils/format_elapsed.esm";

describe.current.tags("headless");

test("formatElapsed shows hours, minutes and seconds", () => {
    expect(formatElapsed(0)).toBe("0:00:00");
    expect(formatElapsed(59)).toBe("0:00:59");
    expect(formatElapsed(3599)).toBe("0:59:59");
    expect(formatElapsed(3600)).toBe("1:00:00");
    expect(formatElapsed(90061)).toBe("25:01:01");
});

test("formatElapsed drops fractions and never goes negative", () => {
    expect(formatElapsed(61.9)).toBe("0:01:01");
    expect(formatElapsed(-5)).toBe("0:00:00");
    expect(formatElapsed(undefined)).toBe("0:00:00");
});
