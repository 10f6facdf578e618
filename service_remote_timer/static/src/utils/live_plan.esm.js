/**
 * The bill of a running clock, computed in the browser from the plan the
 * server sent once (field live_plan of service.remote.session): the same
 * rounding rule, quota split, overage tiers and rounding as the engine's
 * lib/rounding.py and lib/plan.py, in exact decimal arithmetic (BigInt), so
 * that what ticks in the console is what Pause then shows.
 *
 * A decimal is {n, e}: the BigInt n divided by 10 ** e.
 */

const ZERO = {n: 0n, e: 0};
const ONE = {n: 1n, e: 0};
const HUNDRED = {n: 100n, e: 0};

/**
 * @param {String|Number} value plain decimal text such as "1.500000"
 * @returns {{n: BigInt, e: Number}}
 */
export function toDecimal(value) {
    const text = String(value).trim();
    const negative = text.startsWith("-");
    const [whole, fraction = ""] = text.replace(/^[-+]/, "").split(".");
    const n = BigInt((whole || "0") + fraction);
    return {n: negative ? -n : n, e: fraction.length};
}

function scaled(a, e) {
    return a.n * 10n ** BigInt(e - a.e);
}

function add(a, b) {
    const e = Math.max(a.e, b.e);
    return {n: scaled(a, e) + scaled(b, e), e};
}

function sub(a, b) {
    return add(a, {n: -b.n, e: b.e});
}

function mul(a, b) {
    return {n: a.n * b.n, e: a.e + b.e};
}

function cmp(a, b) {
    const difference = sub(a, b).n;
    if (difference === 0n) {
        return 0;
    }
    return difference > 0n ? 1 : -1;
}

function min(a, b) {
    return cmp(a, b) <= 0 ? a : b;
}

/** num / den (BigInt, den > 0) rounded half away from zero, as Python's ROUND_HALF_UP. */
function divideRounded(num, den) {
    if (num < 0n) {
        return -divideRounded(-num, den);
    }
    return (2n * num + den) / (2n * den);
}

/** ``top / bottom`` rounded half-up to a multiple of ``step`` (lib.plan.quantize). */
function quantizeRatio(top, bottom, step) {
    // (top / bottom) / step as one integer fraction
    let numerator = top.n;
    let denominator = bottom.n * step.n;
    const shift = bottom.e + step.e - top.e;
    if (shift >= 0) {
        numerator *= 10n ** BigInt(shift);
    } else {
        denominator *= 10n ** BigInt(-shift);
    }
    if (denominator < 0n) {
        numerator = -numerator;
        denominator = -denominator;
    }
    return mul({n: divideRounded(numerator, denominator), e: 0}, step);
}

export function toNumber(a) {
    return Number(a.n) / 10 ** a.e;
}

/**
 * Billable quantity of ``seconds`` of work under a rounding rule
 * (lib.rounding.billable_minutes): minutes, or one unit per piece of work.
 *
 * @param {Number} seconds
 * @param {{minimum: Number, step: Number, mode: String, grace_seconds: Number,
 *     per_unit: Boolean}} rule
 * @returns {Number}
 */
export function billableQuantity(seconds, rule) {
    const total = Math.max(0, Math.floor(seconds || 0));
    if (rule.per_unit) {
        return total > 0 ? 1 : 0;
    }
    if (total <= rule.grace_seconds) {
        return 0;
    }
    if (total <= rule.minimum * 60) {
        return rule.minimum;
    }
    const step = rule.step || 1;
    const past = total - rule.minimum * 60;
    const size = step * 60;
    let steps = Math.floor((2 * past + size) / (2 * size));
    if (rule.mode === "up") {
        steps = Math.floor((past + size - 1) / size);
    } else if (rule.mode === "down") {
        steps = Math.floor(past / size);
    }
    return rule.minimum + steps * step;
}

function planLine(quantity, price, discount, moneyStep, covered = false) {
    const gross = mul(mul(quantity, price), sub(HUNDRED, discount));
    return {quantity, subtotal: quantizeRatio(gross, HUNDRED, moneyStep), covered};
}

/**
 * What billing ``seconds`` of the session would give now (lib.plan.plan_item).
 *
 * @param {Number} seconds on the clock
 * @param {Object} plan the session's live_plan
 * @returns {{quantity: Number, covered: Number, billed: Number, amount: Number,
 *     remaining: Number|null}}
 */
export function liveBill(seconds, plan) {
    const quantityStep = toDecimal(plan.quantity_step);
    const moneyStep = toDecimal(plan.money_step);
    const price = toDecimal(plan.price);
    const discount = toDecimal(plan.discount);
    const quantity = quantizeRatio(
        {n: BigInt(billableQuantity(seconds, plan.rule)), e: 0},
        ONE,
        quantityStep
    );
    const lines = [];
    let remaining = null;
    if (plan.quota) {
        const quota = plan.quota;
        // one unit per piece of work (sessions), else converted to the quota's unit
        let quotaQuantity = quantity.n > 0n ? ONE : ZERO;
        if (quota.per_quota_unit !== null) {
            quotaQuantity = mul(quantity, toDecimal(quota.per_quota_unit));
        }
        const left = toDecimal(quota.remaining);
        const covered = min(quotaQuantity, left);
        remaining = sub(left, covered);
        const parts = covered.n ? [{quantity: covered, covered: true}] : [];
        let rest = sub(quotaQuantity, covered);
        let position = toDecimal(quota.overage_used);
        // the tiers tile the overage from 0, in order (lib.quota.validate_tiers)
        for (const [, stop, tierPrice] of quota.tiers) {
            if (!rest.n) {
                break;
            }
            const end = stop === null ? null : toDecimal(stop);
            if (end && cmp(position, end) >= 0) {
                continue;
            }
            const take = end ? min(rest, sub(end, position)) : rest;
            parts.push({quantity: take, price: toDecimal(tierPrice)});
            rest = sub(rest, take);
            position = add(position, take);
        }
        if (rest.n) {
            parts.push({quantity: rest});
        }
        let billed = ZERO;
        parts.forEach((part, index) => {
            let share = sub(quantity, billed);
            if (index < parts.length - 1) {
                const exact = mul(quantity, part.quantity);
                share = min(quantizeRatio(exact, quotaQuantity, quantityStep), share);
            }
            billed = add(billed, share);
            if (part.covered) {
                lines.push(planLine(share, price, HUNDRED, moneyStep, true));
            } else {
                lines.push(planLine(share, part.price || price, discount, moneyStep));
            }
        });
    }
    if (!lines.length) {
        lines.push(planLine(quantity, price, discount, moneyStep));
    }
    const covered = lines
        .filter((l) => l.covered)
        .reduce((s, l) => add(s, l.quantity), ZERO);
    const amount = lines.reduce((s, l) => add(s, l.subtotal), ZERO);
    return {
        quantity: toNumber(quantity),
        covered: toNumber(covered),
        billed: toNumber(sub(quantity, covered)),
        amount: toNumber(amount),
        remaining: remaining === null ? null : toNumber(remaining),
    };
}
