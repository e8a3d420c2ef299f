import { createDb } from '../src/client';
import { readDbEnv } from '../src/env';
import { migrate } from '../src/migrate';

const env = readDbEnv();
const handle = await createDb(env);
try {
  await migrate(handle);
  console.log(
    `migrations applied (${handle.kind}${handle.kind === 'pglite' ? ` at ${env.pgliteDataDir}` : ''})`,
  );
} finally {
  await handle.close();
}
