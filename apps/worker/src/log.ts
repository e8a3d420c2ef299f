/** One JSON object per line on stdout, so log collectors can parse the worker's output. */
export function log(msg: string, extra: object = {}) {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), msg, ...extra })}\n`);
}
