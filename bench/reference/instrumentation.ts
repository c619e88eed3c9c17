// Nothing to start: the reference app has no background work.
export function register() {}
