// `npm start`: the whole product on one machine with only Node and npm. Installs, builds the web
// app (turbo skips it when nothing changed), seeds the demo account on the embedded database,
// and serves on http://localhost:3000 (loopback only unless HOST says otherwise; see
// start-plan.mjs) with the worker inside the same process.
import { spawn, spawnSync } from 'node:child_process';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePnpm } from './ensure-pnpm.mjs';
import { startPlan } from './start-plan.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pnpm = ensurePnpm();
// turbo and nested scripts call `pnpm` by name: put the one we found on their PATH.
if (pnpm !== 'pnpm') process.env.PATH = `${dirname(pnpm)}${delimiter}${process.env.PATH}`;
// No telemetry calls from turbo or Next.js.
process.env.TURBO_TELEMETRY_DISABLED = '1';
process.env.NEXT_TELEMETRY_DISABLED = '1';
const plan = startPlan(process.env);

function run(args) {
  const result = spawnSync(pnpm, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run(['install', '--frozen-lockfile', '--prefer-offline']);
run(['exec', 'turbo', 'run', 'build', '--filter=@proxy/web', '--output-logs=errors-only']);
if (plan.seedDemo) run(['db:seed']);

console.log(`\n${plan.notices.map((line) => `  ${line}`).join('\n')}\n`);
// The web server directly, not through pnpm (pnpm does not pass SIGTERM on); server.mjs wraps
// Next so the client address comes from the TCP peer, and lets the app's shutdown run.
const webDir = join(root, 'apps', 'web');
const server = spawn(process.execPath, [join(webDir, 'server.mjs')], {
  cwd: webDir,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production', PORT: plan.port, HOST: plan.host },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
