import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The embedded database lives in `.data/pglite` at the repository root, whichever package's
 * folder a command runs from (pnpm runs scripts inside each package).
 */
export function defaultPgliteDataDir(from = process.cwd()): string {
  let dir = resolve(from);
  while (true) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return join(dir, '.data', 'pglite');
    const parent = dirname(dir);
    if (parent === dir) return resolve(from, '.data', 'pglite');
    dir = parent;
  }
}
