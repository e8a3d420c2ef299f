import autocannon from 'autocannon';
import { connections, durationSeconds } from './config';

export interface LoadResult {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** Drives one URL with autocannon and keeps the figures we print. */
export async function load(
  name: string,
  url: string,
  headers: Record<string, string>,
): Promise<LoadResult> {
  const result = await autocannon({ url, headers, connections, duration: durationSeconds });
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

export function printTable(title: string, rows: LoadResult[]) {
  console.log(`\n${title} (${connections} connections, ${durationSeconds} s each)`);
  console.log('  target                         req/s      p50 ms   p99 ms   errors  non-2xx');
  for (const r of rows) {
    console.log(
      `  ${r.name.padEnd(28)} ${r.requestsPerSecond.toFixed(0).padStart(8)} ${String(r.p50).padStart(9)} ${String(r.p99).padStart(8)} ${String(r.errors).padStart(8)} ${String(r.non2xx).padStart(8)}`,
    );
  }
}
