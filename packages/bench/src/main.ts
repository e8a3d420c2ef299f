import { runAiBenchmarks } from './ai';
import { benchCreatures } from './creatures';
import { runDelegationBenchmarks } from './delegation';
import { benchEvents } from './events';
import { benchFocus } from './focus';
import { benchMonitors } from './monitors';
import { benchTasksList } from './tasks-list';
import { benchWebhooks } from './webhooks';

/**
 * `pnpm bench`: each benchmark measures against a baseline in the same run and prints its
 * figures. Nothing here asserts on time.
 */
console.log('Proxy benchmarks');
await benchTasksList();
await runDelegationBenchmarks();
await runAiBenchmarks();
await benchMonitors();
await benchEvents();
await benchFocus();
await benchCreatures();
await benchWebhooks();
process.exit(0);
