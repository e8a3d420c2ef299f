import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import {
  classifyAddress,
  FORBIDDEN_IPV4_RANGES,
  FORBIDDEN_IPV6_RANGES,
  parseIpAddress,
} from './address';

/** A random address inside a CIDR: the network bits kept, the host bits drawn. */
function addressIn(cidr: string): fc.Arbitrary<string> {
  const [net, bits] = ipaddr.parseCIDR(cidr);
  const bytes = net.toByteArray();
  return fc
    .array(fc.integer({ min: 0, max: 255 }), {
      minLength: bytes.length,
      maxLength: bytes.length,
    })
    .map((random) => {
      const out = bytes.map((b, i) => {
        const keep = Math.max(0, Math.min(8, bits - i * 8));
        const mask = (0xff << (8 - keep)) & 0xff;
        return (b & mask) | ((random[i] ?? 0) & ~mask & 0xff);
      });
      return ipaddr.fromByteArray(out).toString();
    });
}

const publicV4 = fc
  .tuple(
    fc.integer({ min: 1, max: 223 }),
    fc.integer({ min: 0, max: 255 }),
    fc.integer({ min: 0, max: 255 }),
    fc.integer({ min: 0, max: 255 }),
  )
  .map((parts) => parts.join('.'))
  .filter((a) => {
    const ip = ipaddr.IPv4.parse(a);
    return !FORBIDDEN_IPV4_RANGES.some((r) => ip.match(ipaddr.IPv4.parseCIDR(r.cidr)));
  });

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['224.0.0.251', 'multicast'],
    ['ff02::1', 'multicast'],
    ['fe80::1', 'link-local'],
    ['fd12:3456::1', 'unique-local'],
    ['fc00::1', 'unique-local'],
    ['192.0.2.10', 'documentation'],
    ['2001:db8::1', 'documentation'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['[::ffff:7f00:1]', 'loopback'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['2002:7f00:1::', 'loopback'],
    ['2002:a9fe:a9fe::1', 'link-local'],
    ['2001::1', 'reserved'],
    ['4000::1', 'reserved'],
    ['::127.0.0.1', 'reserved'],
    ['::8.8.8.8', 'reserved'],
  ])('refuses %s as %s', (address, kind) => {
    const verdict = classifyAddress(address);
    expect(verdict.allowed).toBe(false);
    if (!verdict.allowed) expect(verdict.kind).toBe(kind);
  });

  it('says why in words a person can act on', () => {
    expect(classifyAddress('127.0.0.1')).toMatchObject({
      reason: 'refused: 127.0.0.1 is a loopback address',
    });
    expect(classifyAddress('::ffff:127.0.0.1')).toMatchObject({
      reason: 'refused: ::ffff:7f00:1 is a loopback address (IPv4-mapped 127.0.0.1)',
    });
    expect(classifyAddress('100.64.0.1')).toMatchObject({
      reason: 'refused: 100.64.0.1 is a carrier-grade NAT address',
    });
  });

  it.each([
    '93.184.215.14',
    '8.8.8.8',
    '1.1.1.1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '2002:808:808::1',
  ])('allows public %s', (address) => {
    expect(classifyAddress(address).allowed).toBe(true);
  });

  it("refuses anything that is not a plain address (other spellings are the URL parser's job)", () => {
    for (const text of ['0177.0.0.1', '2130706433', '0x7f.1', 'localhost', '', 'fe80::1%eth0']) {
      expect(classifyAddress(text)).toMatchObject({ allowed: false, kind: 'invalid' });
    }
    expect(parseIpAddress('[::1]')?.toString()).toBe('::1');
  });

  it('property: every address inside a forbidden IPv4 range is refused', () => {
    const arb = fc.constantFrom(...FORBIDDEN_IPV4_RANGES).chain((r) => addressIn(r.cidr));
    fc.assert(
      fc.property(arb, (a) => !classifyAddress(a).allowed),
      { numRuns: 2000 },
    );
  });

  it('property: every address inside a forbidden IPv6 range is refused', () => {
    const arb = fc.constantFrom(...FORBIDDEN_IPV6_RANGES).chain((r) => addressIn(r.cidr));
    fc.assert(
      fc.property(arb, (a) => !classifyAddress(a).allowed),
      { numRuns: 2000 },
    );
  });

  it('property: IPv4-mapped, NAT64 and 6to4 forms of a forbidden IPv4 address are refused', () => {
    const arb = fc.constantFrom(...FORBIDDEN_IPV4_RANGES).chain((r) => addressIn(r.cidr));
    fc.assert(
      fc.property(arb, (a) => {
        const [w, x, y, z] = ipaddr.IPv4.parse(a).octets;
        const hex = (hi = 0, lo = 0) => ((hi << 8) | lo).toString(16);
        return [`::ffff:${a}`, `64:ff9b::${a}`, `2002:${hex(w, x)}:${hex(y, z)}::1`].every(
          (form) => !classifyAddress(form).allowed,
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('property: public IPv4 addresses and their mapped forms pass', () => {
    fc.assert(
      fc.property(
        publicV4,
        (a) => classifyAddress(a).allowed && classifyAddress(`::ffff:${a}`).allowed,
      ),
      { numRuns: 2000 },
    );
  });

  it('property: global unicast IPv6 outside the forbidden ranges passes', () => {
    const arb = addressIn('2000::/3').filter((a) => {
      const ip = ipaddr.IPv6.parse(a);
      return (
        !FORBIDDEN_IPV6_RANGES.some((r) => ip.match(ipaddr.IPv6.parseCIDR(r.cidr))) &&
        !ip.match(ipaddr.IPv6.parseCIDR('2002::/16'))
      );
    });
    fc.assert(
      fc.property(arb, (a) => classifyAddress(a).allowed),
      { numRuns: 2000 },
    );
  });
});
