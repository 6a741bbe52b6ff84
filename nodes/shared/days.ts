/** A day in milliseconds: how the node counts days since a check, a rest or a call. */
export const DAY_MS = 24 * 60 * 60 * 1000;
