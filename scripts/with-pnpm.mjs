// `npm test` / `npm start` entry: gets the pinned pnpm, installs dependencies from the lockfile,
// then runs `pnpm <args>`. Works on a machine that has only Node and npm.
import { spawnSync } from 'node:child_process';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePnpm } from './ensure-pnpm.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pnpm = ensurePnpm();
// turbo and nested scripts call `pnpm` by name: put the one we found on their PATH.
if (pnpm !== 'pnpm') process.env.PATH = `${dirname(pnpm)}${delimiter}${process.env.PATH}`;
// No telemetry calls from turbo or Next.js.
process.env.TURBO_TELEMETRY_DISABLED = '1';
process.env.NEXT_TELEMETRY_DISABLED = '1';

function run(args) {
  const result = spawnSync(pnpm, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run(['install', '--frozen-lockfile', '--prefer-offline']);
run(process.argv.slice(2));
