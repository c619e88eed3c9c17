// Requests addressed to this machine itself: the development mailbox answers only those (SPEC §7).

/** The path of the development mailbox's page. */
export const MAILBOX_PATH = "/dev/mailbox";

/**
 * Whether a Host header value names the loopback interface (localhost, 127.0.0.0/8, ::1), with or
 * without a port. The mailbox answers only such requests (SPEC §7): a server reachable from the
 * network under another name, or a request relayed by a proxy for another host, gets "not found".
 */
export function isLoopbackHost(host: string | null | undefined): boolean {
  if (!host) return false;
  const match = /^(?:\[([0-9a-f:.]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/i.exec(host.trim());
  if (!match || (match[3] !== undefined && Number(match[3]) > 65_535)) return false;
  const name = (match[1] ?? match[2] ?? "").toLowerCase();
  if (match[1] !== undefined) return name === "::1" || /^(0{0,4}:){7}0{0,3}1$/.test(name);
  return name === "localhost" || /^127(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(name);
}

/** Whether a request with these headers may see the mailbox: its Host, and any forwarded host, are loopback. */
export function mayOpenMailbox(headers: Headers): boolean {
  const forwarded = headers.get("x-forwarded-host");
  return isLoopbackHost(headers.get("host")) && (forwarded === null || isLoopbackHost(forwarded));
}
