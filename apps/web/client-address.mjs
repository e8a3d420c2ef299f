// The client address used for rate limits and logs: the TCP peer, unless that peer is a proxy
// the operator said to trust (TRUST_PROXY), and only then the right-most untrusted entry of
// X-Forwarded-For. Anything else in that header is written by the client and proves nothing.
import proxyaddr from 'proxy-addr';

/** The header the server sets, after removing any copy a client sent. Route handlers read it. */
export const CLIENT_ADDRESS_HEADER = 'x-proxy-client-address';

/**
 * TRUST_PROXY: unset or empty trusts nobody; a number trusts that many hops in front of the
 * server; otherwise a comma-separated list of addresses, CIDRs or proxy-addr's names
 * (`loopback`, `linklocal`, `uniquelocal`). Throws on a value it cannot read.
 * @param {string | undefined} value
 * @returns {(address: string, hop: number) => boolean}
 */
export function compileTrust(value) {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'false') return () => false;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return (_address, hop) => hop < hops;
  }
  try {
    return proxyaddr.compile(
      text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
  } catch (error) {
    throw new Error(
      `TRUST_PROXY must be a hop count or a list of addresses and CIDRs: ${error.message}`,
    );
  }
}

/**
 * @param {{ socket: { remoteAddress?: string }, headers: Record<string, string | string[] | undefined> }} req
 * @param {(address: string, hop: number) => boolean} trust
 */
export function clientAddressOf(req, trust) {
  if (!req.socket.remoteAddress) return 'unknown';
  return proxyaddr(req, trust);
}
