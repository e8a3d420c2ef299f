import type { TestProject } from 'vitest/node';
import { startWebServer } from './web-server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** One production server for the whole browser run, stopped after it. */
export default async function setup(project: TestProject) {
  const server = await startWebServer({
    // The monitor tests watch a JSON source served on loopback, which the SSRF guard refuses
    // unless the host is allowed explicitly.
    MONITOR_ALLOW_HOSTS: '127.0.0.1',
    // The push test's push service listens on loopback too.
    PUSH_ALLOW_HOSTS: '127.0.0.1',
    // And the integrations test's webhook receiver (other private addresses stay refused).
    WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
    // Every test signs up from 127.0.0.1; the per-address limit has its own tests.
    REGISTRATIONS_PER_ADDRESS_PER_HOUR: '1000',
  });
  project.provide('baseUrl', server.baseUrl);
  return () => server.stop();
}
