/**
 * Who is asking, as the HTTP layers need it: the client's address (for throttling and rate
 * limits) and whether it reached us over HTTPS (for `Secure` cookies). Worked out once per
 * request by the app's outermost middleware from the socket, or, behind trusted proxies, from
 * `X-Forwarded-For` / `X-Forwarded-Proto`; pages and the API read it with {@link clientOf}.
 */
export interface ClientInfo {
  /** An IP address, or `unknown` (a request made in-process, as in tests). */
  readonly address: string;
  readonly https: boolean;
}

export const CLIENT_VARIABLE = 'client';

/** The request's client; `c` is a Hono context (anything with `get`). */
export function clientOf(c: { get(key: typeof CLIENT_VARIABLE): ClientInfo | undefined }): ClientInfo {
  return c.get(CLIENT_VARIABLE) ?? { address: 'unknown', https: false };
}

/**
 * The client as seen through `trustedProxies` proxies: the address each proxy appended to
 * `X-Forwarded-For`, counted from the right (the nearest proxy's entry is the last), so a
 * client cannot pose as another by sending its own header. With none trusted, the socket's.
 */
export function resolveClient(input: {
  socketAddress: string | undefined;
  forwardedFor: string | undefined;
  forwardedProto: string | undefined;
  protocol: string;
  trustedProxies: number;
  alwaysSecure: boolean;
}): ClientInfo {
  const socket = input.socketAddress?.replace(/^::ffff:/, '') || 'unknown';
  let address = socket;
  let https = input.protocol === 'https:';
  if (input.trustedProxies > 0) {
    const hops = (input.forwardedFor ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const picked = hops[hops.length - input.trustedProxies] ?? hops[0];
    if (picked) address = picked.replace(/^::ffff:/, '');
    const protos = (input.forwardedProto ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean);
    const proto = protos[protos.length - 1];
    if (proto) https = proto === 'https';
  }
  return { address, https: https || input.alwaysSecure };
}
