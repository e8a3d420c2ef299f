import ipaddr from 'ipaddr.js';

/**
 * Which IP addresses a server may connect to on a user's behalf. Pure: the caller resolves names
 * and passes the addresses in. Everything that is not plainly a public unicast address is refused,
 * including IPv6 forms that embed an IPv4 address (IPv4-mapped, NAT64, 6to4) when the embedded
 * address is itself refused.
 */

export type ForbiddenAddressKind =
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'carrier-grade NAT'
  | 'multicast'
  | 'unspecified'
  | 'broadcast'
  | 'reserved'
  | 'documentation'
  | 'unique-local'
  | 'invalid';

export type AddressVerdict =
  | { allowed: true; address: string }
  | { allowed: false; address: string; kind: ForbiddenAddressKind; reason: string };

type Range = { cidr: [ipaddr.IPv4 | ipaddr.IPv6, number]; kind: ForbiddenAddressKind };

const range = (cidr: string, kind: ForbiddenAddressKind): Range => ({
  cidr: ipaddr.parseCIDR(cidr),
  kind,
});

/** Order matters where ranges nest: the first match names the address. */
export const FORBIDDEN_IPV4_RANGES: readonly { cidr: string; kind: ForbiddenAddressKind }[] = [
  { cidr: '255.255.255.255/32', kind: 'broadcast' },
  { cidr: '0.0.0.0/8', kind: 'unspecified' },
  { cidr: '10.0.0.0/8', kind: 'private' },
  { cidr: '100.64.0.0/10', kind: 'carrier-grade NAT' },
  { cidr: '127.0.0.0/8', kind: 'loopback' },
  { cidr: '169.254.0.0/16', kind: 'link-local' },
  { cidr: '172.16.0.0/12', kind: 'private' },
  { cidr: '192.0.0.0/24', kind: 'reserved' },
  { cidr: '192.0.2.0/24', kind: 'documentation' },
  { cidr: '192.88.99.0/24', kind: 'reserved' },
  { cidr: '192.168.0.0/16', kind: 'private' },
  { cidr: '198.18.0.0/15', kind: 'reserved' },
  { cidr: '198.51.100.0/24', kind: 'documentation' },
  { cidr: '203.0.113.0/24', kind: 'documentation' },
  { cidr: '224.0.0.0/4', kind: 'multicast' },
  { cidr: '240.0.0.0/4', kind: 'reserved' },
];

/** IPv6 ranges refused outright. Embedding forms (::ffff:0:0/96, 64:ff9b::/96, 2002::/16) are
 * handled separately: they are judged by the IPv4 address inside them. */
export const FORBIDDEN_IPV6_RANGES: readonly { cidr: string; kind: ForbiddenAddressKind }[] = [
  { cidr: '::/128', kind: 'unspecified' },
  { cidr: '::1/128', kind: 'loopback' },
  // IPv4-compatible (deprecated) addresses: never legitimate on the wire today.
  { cidr: '::/96', kind: 'reserved' },
  { cidr: '100::/64', kind: 'reserved' },
  // Local-use NAT64 prefix: translates to whatever the local network decides.
  { cidr: '64:ff9b:1::/48', kind: 'reserved' },
  // Teredo hides its IPv4 address (obfuscated); refuse it rather than decode it.
  { cidr: '2001::/32', kind: 'reserved' },
  { cidr: '2001:10::/28', kind: 'reserved' },
  { cidr: '2001:20::/28', kind: 'reserved' },
  { cidr: '2001:db8::/32', kind: 'documentation' },
  { cidr: '3fff::/20', kind: 'documentation' },
  { cidr: 'fc00::/7', kind: 'unique-local' },
  { cidr: 'fe80::/10', kind: 'link-local' },
  // Site-local (deprecated) still routes inside some networks.
  { cidr: 'fec0::/10', kind: 'reserved' },
  { cidr: 'ff00::/8', kind: 'multicast' },
];

const V4: readonly Range[] = FORBIDDEN_IPV4_RANGES.map((r) => range(r.cidr, r.kind));
const V6: readonly Range[] = FORBIDDEN_IPV6_RANGES.map((r) => range(r.cidr, r.kind));

const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parse('2000::');

const ARTICLE: Record<ForbiddenAddressKind, string> = {
  loopback: 'a loopback',
  private: 'a private',
  'link-local': 'a link-local',
  'carrier-grade NAT': 'a carrier-grade NAT',
  multicast: 'a multicast',
  unspecified: 'an unspecified',
  broadcast: 'a broadcast',
  reserved: 'a reserved',
  documentation: 'a documentation',
  'unique-local': 'a unique-local',
  invalid: 'an invalid',
};

const refuse = (address: string, kind: ForbiddenAddressKind, via?: string): AddressVerdict => ({
  allowed: false,
  address,
  kind,
  reason: `refused: ${address} is ${ARTICLE[kind]} address${via ? ` (${via})` : ''}`,
});

function classifyV4(ip: ipaddr.IPv4): ForbiddenAddressKind | null {
  for (const r of V4) {
    const [net, bits] = r.cidr;
    if (net.kind() === 'ipv4' && ip.match(net as ipaddr.IPv4, bits)) return r.kind;
  }
  return null;
}

/** The IPv4 address carried inside an IPv6 one, for the forms that route to it. */
function embeddedIpv4(ip: ipaddr.IPv6): { v4: ipaddr.IPv4; form: string } | null {
  const b = ip.toByteArray();
  const tail = (from: number) =>
    new ipaddr.IPv4([b[from] ?? 0, b[from + 1] ?? 0, b[from + 2] ?? 0, b[from + 3] ?? 0]);
  if (ip.isIPv4MappedAddress()) return { v4: ip.toIPv4Address(), form: 'IPv4-mapped' };
  if (ip.match(ipaddr.IPv6.parse('64:ff9b::'), 96)) return { v4: tail(12), form: 'NAT64' };
  if (ip.match(ipaddr.IPv6.parse('2002::'), 16)) return { v4: tail(2), form: '6to4' };
  return null;
}

/**
 * Parse an address as it appears in a URL host or a DNS answer: dotted IPv4 (strictly four
 * decimal parts: the URL parser has already normalised other spellings) or IPv6, with or without
 * brackets and without a zone id.
 */
export function parseIpAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (ipaddr.IPv4.isValidFourPartDecimal(bare)) return ipaddr.IPv4.parse(bare);
  if (!bare.includes(':') || bare.includes('%')) return null;
  const v6 = dottedTailToHex(bare);
  return v6 !== null && ipaddr.IPv6.isValid(v6) ? ipaddr.IPv6.parse(v6) : null;
}

/**
 * ipaddr.js reads "::a.b.c.d" as the IPv4-mapped "::ffff:a.b.c.d"; the wire (and Node) read it as
 * "::XXXX:XXXX". Rewrite a dotted tail into two hex groups first so both agree.
 */
function dottedTailToHex(text: string): string | null {
  const m = /^(.*:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return text;
  const octets = m.slice(2, 6).map(Number);
  if (octets.some((o) => o > 255)) return null;
  const [a = 0, b = 0, c = 0, d = 0] = octets;
  return `${m[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}

/** Whether a server may connect to this address on a user's behalf, and if not, why. */
export function classifyAddress(text: string): AddressVerdict {
  const ip = parseIpAddress(text);
  if (!ip) return refuse(text, 'invalid');
  const shown = ip.toString();
  if (ip.kind() === 'ipv4') {
    const kind = classifyV4(ip as ipaddr.IPv4);
    return kind ? refuse(shown, kind) : { allowed: true, address: shown };
  }
  const v6 = ip as ipaddr.IPv6;
  const embedded = embeddedIpv4(v6);
  if (embedded) {
    const kind = classifyV4(embedded.v4);
    if (kind) return refuse(shown, kind, `${embedded.form} ${embedded.v4.toString()}`);
    return { allowed: true, address: shown };
  }
  for (const r of V6) {
    const [net, bits] = r.cidr;
    if (net.kind() === 'ipv6' && v6.match(net as ipaddr.IPv6, bits)) return refuse(shown, r.kind);
  }
  // Only 2000::/3 is allocated as global unicast; the rest is reserved by IANA.
  if (!v6.match(GLOBAL_UNICAST_V6, 3)) return refuse(shown, 'reserved');
  return { allowed: true, address: shown };
}

export const isPublicAddress = (text: string) => classifyAddress(text).allowed;
