/**
 * Format a number of seconds as H:MM:SS (hours are not capped at 24).
 *
 * @param {Number} seconds
 * @returns {String}
 */
export function formatElapsed(seconds) {
    const total = Math.max(Math.floor(seconds || 0), 0);
    const hours = Math.floor(total / 3600);
    const minutes = Math.floor((total % 3600) / 60);
    const secs = total % 60;
    const pad = (value) => String(value).padStart(2, "0");
    return `${hours}:${pad(minutes)}:${pad(secs)}`;
}
