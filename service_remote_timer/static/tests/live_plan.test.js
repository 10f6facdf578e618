import {billableQuantity, liveBill} from "@service_remote_timer/utils/live_plan.esm";
import {describe, expect, test} from "@odoo/hoot";

describe.current.tags("headless");

// Expected figures are those of the engine's lib/plan.py for the same input.
const MINUTE = {minimum: 0, step: 1, mode: "up", grace_seconds: 0, per_unit: false};
const PER_UNIT = {minimum: 0, step: 0, mode: "up", grace_seconds: 0, per_unit: true};

function plan(rule, price, extra = {}) {
    return {
        rule,
        price,
        discount: "0",
        quantity_step: "0.01",
        money_step: "0.01",
        currency_id: 1,
        quota: null,
        ...extra,
    };
}

function figures(seconds, livePlan) {
    const bill = liveBill(seconds, livePlan);
    return [bill.quantity, bill.covered, bill.billed, bill.amount, bill.remaining];
}

test("rounding rules: every started minute, grace, minimum and steps", () => {
    expect(billableQuantity(0, MINUTE)).toBe(0);
    expect(billableQuantity(1, MINUTE)).toBe(1);
    expect(billableQuantity(61, MINUTE)).toBe(2);
    expect(billableQuantity(25, {...MINUTE, grace_seconds: 30})).toBe(0);
    expect(billableQuantity(31, {...MINUTE, grace_seconds: 30})).toBe(1);
    const tenThenFive = {...MINUTE, minimum: 10, step: 5};
    expect(billableQuantity(1, tenThenFive)).toBe(10);
    expect(billableQuantity(600, tenThenFive)).toBe(10);
    expect(billableQuantity(601, tenThenFive)).toBe(15);
    const nearest = {...tenThenFive, minimum: 15, mode: "nearest"};
    expect(billableQuantity(2849, nearest)).toBe(45);
    expect(billableQuantity(2851, nearest)).toBe(50);
    expect(billableQuantity(1799, {...tenThenFive, mode: "down"})).toBe(25);
    expect(billableQuantity(0, PER_UNIT)).toBe(0);
    expect(billableQuantity(5, PER_UNIT)).toBe(1);
});

test("no quota: the list price, rounded half up like the engine", () => {
    expect(figures(61, plan(MINUTE, "1.5"))).toEqual([2, 0, 2, 3, null]);
    expect(figures(3600, plan(MINUTE, "1.666667"))).toEqual([60, 0, 60, 100, null]);
    // 1.005 is not a float: exact decimals give 1.01 as Python does
    expect(figures(60, plan(MINUTE, "1.005"))).toEqual([1, 0, 1, 1.01, null]);
    expect(figures(420, plan(MINUTE, "1.5", {discount: "10"}))).toEqual([
        7,
        0,
        7,
        9.45,
        null,
    ]);
});

test("a quota covers first, then the tiers, then the list price", () => {
    const quota = {
        remaining: "10",
        overage_used: "0",
        tiers: [
            ["0", "5", "1.2"],
            ["5", null, "1.0"],
        ],
        per_quota_unit: "1",
    };
    expect(figures(17 * 60, plan(MINUTE, "1.5", {quota}))).toEqual([17, 10, 7, 8, 0]);
    const usedUp = {...quota, remaining: "0", overage_used: "3"};
    expect(figures(17 * 60, plan(MINUTE, "1.5", {quota: usedUp}))).toEqual([
        17, 0, 17, 17.4, 0,
    ]);
    const odd = {
        remaining: "33.333",
        overage_used: "0",
        tiers: [],
        per_quota_unit: "1",
    };
    expect(figures(100 * 60, plan(MINUTE, "1.5", {quota: odd}))).toEqual([
        100, 33.33, 66.67, 100.01, 0,
    ]);
});

test("quotas in hours and in sessions", () => {
    const hours = {
        remaining: "1",
        overage_used: "0",
        tiers: [],
        per_quota_unit: "0.016666666666666666",
    };
    const rule = {...MINUTE, minimum: 15, step: 5, mode: "nearest"};
    expect(figures(4360, plan(rule, "1.5", {quota: hours}))).toEqual([
        75, 60, 15, 22.5, 0,
    ]);
    const sessions = {
        remaining: "1",
        overage_used: "0",
        tiers: [],
        per_quota_unit: null,
    };
    expect(figures(5, plan(PER_UNIT, "45", {quota: sessions}))).toEqual([
        1, 1, 0, 0, 0,
    ]);
    expect(figures(0, plan(PER_UNIT, "45", {quota: sessions}))).toEqual([
        0, 0, 0, 0, 1,
    ]);
    const none = {...sessions, remaining: "0"};
    expect(figures(5, plan(PER_UNIT, "45", {quota: none}))).toEqual([1, 0, 1, 45, 0]);
});
