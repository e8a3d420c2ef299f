import { describe, expect, it } from 'vitest';
import { monitorConfigFromEnv } from './config';

describe('monitor settings from the environment', () => {
  it('leaves the allow-list off unless set', () => {
    expect(monitorConfigFromEnv({}).fetch?.allowHosts).toBeUndefined();
    expect(monitorConfigFromEnv({ MONITOR_ALLOW_HOSTS: '' }).fetch?.allowHosts).toBeUndefined();
  });

  it('reads a comma-separated allow-list and the fetch caps', () => {
    const config = monitorConfigFromEnv({
      MONITOR_ALLOW_HOSTS: ' Intranet.local, 10.0.0.5 ,[::1]',
      MONITOR_FACT_TTL_SECONDS: '120',
      MONITOR_FETCH_TIMEOUT_MS: '5000',
    });
    expect(config.fetch?.allowHosts).toEqual(['intranet.local', '10.0.0.5', '[::1]']);
    expect(config.factTtlMs).toBe(120_000);
    expect(config.fetch?.timeoutMs).toBe(5000);
  });

  it('refuses nonsense with the variable named', () => {
    expect(() => monitorConfigFromEnv({ MONITOR_ALLOW_HOSTS: 'http://x/y' })).toThrow(
      /MONITOR_ALLOW_HOSTS/,
    );
    expect(() => monitorConfigFromEnv({ MONITOR_FACT_TTL_SECONDS: 'soon' })).toThrow(
      /MONITOR_FACT_TTL_SECONDS/,
    );
  });
});
