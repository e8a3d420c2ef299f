import { CLIENT_ADDRESS_HEADER as API_HEADER, clientIpFrom } from '@proxy/api';
import { describe, expect, it } from 'vitest';
import { CLIENT_ADDRESS_HEADER, clientAddressOf, compileTrust } from '../../client-address.mjs';

const request = (peer: string, forwardedFor?: string) => ({
  socket: { remoteAddress: peer },
  headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
});

describe('the client address', () => {
  it('is the TCP peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    const trust = compileTrust(undefined);
    expect(clientAddressOf(request('203.0.113.5'), trust)).toBe('203.0.113.5');
    for (const header of ['198.51.100.1', '10.0.0.1, 198.51.100.1', 'garbage', '']) {
      expect(clientAddressOf(request('203.0.113.5', header), trust), header).toBe('203.0.113.5');
    }
  });

  it('behind trusted proxies (CIDRs) is the right-most entry that is not one of them', () => {
    const trust = compileTrust('10.0.0.0/8, loopback');
    // client -> 10.1.1.1 (proxy) -> 127.0.0.1 (proxy) -> server
    expect(clientAddressOf(request('127.0.0.1', '198.51.100.7, 10.1.1.1'), trust)).toBe(
      '198.51.100.7',
    );
    // A client cannot hide behind a value it wrote itself: the left-most claim is ignored.
    expect(clientAddressOf(request('127.0.0.1', '192.0.2.99, 198.51.100.7, 10.1.1.1'), trust)).toBe(
      '198.51.100.7',
    );
    // An untrusted peer's header is not read at all.
    expect(clientAddressOf(request('203.0.113.5', '198.51.100.7'), trust)).toBe('203.0.113.5');
  });

  it('with a hop count trusts exactly that many proxies in front of the server', () => {
    const trust = compileTrust('1');
    expect(clientAddressOf(request('10.0.0.2', '192.0.2.99, 198.51.100.7'), trust)).toBe(
      '198.51.100.7',
    );
    expect(clientAddressOf(request('10.0.0.2'), trust)).toBe('10.0.0.2');
  });

  it('refuses a TRUST_PROXY it cannot read, instead of trusting something else', () => {
    expect(() => compileTrust('not-an-address')).toThrow(/TRUST_PROXY/);
  });

  it('reaches the API only through the header the server sets', () => {
    expect(CLIENT_ADDRESS_HEADER).toBe(API_HEADER);
    expect(clientIpFrom(new Headers({ 'x-forwarded-for': '198.51.100.1' }))).toBe('unknown');
    expect(clientIpFrom(new Headers({ [API_HEADER]: '203.0.113.5' }))).toBe('203.0.113.5');
  });
});
