import { aiConfigSchema, createAiRouter, createDbAiLedger, createMemoryAiLedger } from '@proxy/api';
import { startStubProvider } from '@proxy/api/ai/stub-server';
import {
  aiSplitOutputSchema,
  analyseComplexity,
  calibrateSteps,
  type StepHistoryItem,
  splitTaskOffline,
} from '@proxy/core';
import { createDb, migrate } from '@proxy/db';
import { createTestDb } from '@proxy/db/testing';
import OpenAI from 'openai';
import { z } from 'zod';
import { adminUrl } from './config';

/**
 * AI figures for `pnpm bench`:
 * 1. Router overhead: the same structured-output call through the AI router (retry loop, rate
 *    and budget checks, schema validation, leak check, ledger row) and straight through the
 *    OpenAI SDK (plus the JSON parse and schema check any caller needs), both against a local
 *    stub provider on 127.0.0.1, in one run; calls/s for each and the ratio.
 * 2. The offline splitter on 10,000 varied tasks: complexity, split and calibration.
 */

const CALLS = Number(process.env.BENCH_AI_CALLS ?? 1_000);
const CONCURRENCY = Number(process.env.BENCH_AI_CONCURRENCY ?? 8);
const TASKS = Number(process.env.BENCH_SPLIT_TASKS ?? 10_000);

const ANSWER = {
  steps: [
    { title: 'Find the letter and login', minutes: 3, energy: 'low' },
    { title: 'Fill in the renewal form', minutes: 12, energy: 'medium' },
    { title: 'Pay and save the confirmation', minutes: 4, energy: 'low' },
  ],
};
const SYSTEM = 'You break one task into small, concrete micro-steps. Answer only with JSON.';
const PROMPT = 'Granularity: 3 of 5.\nThe task:\n{"title":"Renew the car insurance","notes":""}';

async function timed(total: number, concurrency: number, one: () => Promise<void>) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        await one();
      }
    }),
  );
  return total / ((performance.now() - started) / 1000);
}

/** A PostgreSQL server for the ledger, if one answers (as in CI); else only PGlite is measured. */
async function postgresLedgerDb() {
  try {
    return await createTestDb({ adminUrl });
  } catch {
    return null;
  }
}

async function benchRouterOverhead() {
  const stub = await startStubProvider({ record: false, answer: () => ANSWER });
  const client = new OpenAI({
    apiKey: 'sk-bench-not-a-real-key',
    baseURL: stub.openaiBaseUrl,
    maxRetries: 0,
    logLevel: 'off',
  });
  // The very request the router sends, so only the router's own work differs.
  const { $schema: _, ...jsonSchema } = z.toJSONSchema(aiSplitOutputSchema, { io: 'output' });
  const direct = async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4.1-mini',
      messages: [
        { role: 'system', content: SYSTEM },
        { role: 'user', content: PROMPT },
      ],
      max_completion_tokens: 2_000,
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'task_steps', schema: jsonSchema, strict: true },
      },
    });
    aiSplitOutputSchema.parse(JSON.parse(completion.choices[0]?.message.content ?? ''));
  };

  const config = aiConfigSchema.parse({
    providers: [{ kind: 'openai', apiKey: 'sk-bench-not-a-real-key', baseUrl: stub.openaiBaseUrl }],
    limits: { userRequestsPerMinute: 10_000, userTokensPerMinute: 100_000_000 },
    budgets: { userMonthlyUsd: 1_000_000, globalMonthlyUsd: 100_000_000 },
  });
  const call = {
    userId: null,
    purpose: 'splitting' as const,
    schema: aiSplitOutputSchema,
    schemaName: 'task_steps',
    system: SYSTEM,
    prompt: PROMPT,
  };
  const pglite = await createDb({ pgliteDataDir: 'memory://' });
  await migrate(pglite);
  const pg = await postgresLedgerDb();
  const paths: [string, () => Promise<void>][] = [['direct SDK', direct]];
  const routed = (name: string, ledger: Parameters<typeof createAiRouter>[0]['ledger']) => {
    const router = createAiRouter({ config, ledger });
    paths.push([
      name,
      async () => {
        await router.generate(call);
      },
    ]);
  };
  routed('router, memory ledger', createMemoryAiLedger());
  routed('router, PGlite ledger', createDbAiLedger(pglite.db));
  if (pg) routed('router, PostgreSQL ledger', createDbAiLedger(pg.db));

  for (const [, run] of paths) for (let i = 0; i < 100; i++) await run();
  console.log(
    `\nAI router overhead: structured-output calls to a local stub provider, best of 3 rounds of ${CALLS}`,
  );
  console.log('  path                          at a time    calls/s   ms/call   vs direct');
  for (const concurrency of [1, CONCURRENCY]) {
    const best = new Map<string, number>();
    // Rounds interleave the paths, so drift in the machine hits them alike.
    for (let round = 0; round < 3; round++) {
      for (const [name, run] of paths) {
        best.set(name, Math.max(best.get(name) ?? 0, await timed(CALLS, concurrency, run)));
      }
    }
    const base = best.get('direct SDK')!;
    for (const [name] of paths) {
      const perSecond = best.get(name)!;
      console.log(
        `  ${name.padEnd(30)} ${String(concurrency).padStart(8)} ${perSecond.toFixed(0).padStart(10)} ${(1000 / perSecond).toFixed(3).padStart(9)} ${(base / perSecond).toFixed(2).padStart(10)}x`,
      );
    }
  }
  await stub.close();
  await pglite.close();
  await pg?.close();
}

/** Deterministic, varied task titles: verbs, objects, lists, notes and estimates. */
function* tasks(count: number) {
  const verbs = [
    'Write',
    'Call',
    'Clean',
    'Fix',
    'Plan',
    'Buy',
    'Email',
    'Study',
    'Pay',
    'Research',
    'Cook',
    'Prepare',
    'Sort out',
    'Book',
    'Set up',
  ];
  const objects = [
    'the quarterly report',
    'the dentist',
    'my room',
    'the login bug',
    'the trip to Lisbon',
    'milk, eggs and bread',
    'Sam, Jo and Priya about the offsite',
    'chapter 4 for the exam',
    'the electricity bill',
    'health insurance options',
    'dinner',
    'the presentation',
    'the garage',
    'a table for four',
    'the new printer',
  ];
  let seed = 42;
  const rand = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let i = 0; i < count; i++) {
    const verb = verbs[Math.floor(rand() * verbs.length)]!;
    const object = objects[Math.floor(rand() * objects.length)]!;
    const withNotes = rand() < 0.2;
    yield {
      title: `${verb} ${object}`,
      notes: withNotes ? '- first bit\n- second bit\n- third bit' : null,
      estimateMinutes: rand() < 0.6 ? Math.round(5 + rand() * 180) : null,
      spiciness: 1 + Math.floor(rand() * 5),
    };
  }
}

function benchOfflineSplitting() {
  const history: StepHistoryItem[] = Array.from({ length: 60 }, (_, i) => ({
    title: ['Write the intro', 'Call the bank', 'Fold it', 'Pay rent'][i % 4]!,
    estimateMinutes: 5 + (i % 7),
    actualMinutes: 6 + (i % 11),
  }));
  const list = [...tasks(TASKS)];
  // Warm-up.
  for (const t of list.slice(0, 500)) splitTaskOffline(t, t);
  let steps = 0;
  const started = performance.now();
  for (const t of list) {
    analyseComplexity(t);
    const split = splitTaskOffline(t, { spiciness: t.spiciness });
    steps += calibrateSteps(split, history).steps.length;
  }
  const ms = performance.now() - started;
  console.log(
    `\nOffline splitting of ${TASKS.toLocaleString('en')} tasks (complexity + split + calibration against 60 finished steps)`,
  );
  console.log(
    `  ${ms.toFixed(0)} ms in all, ${((TASKS / ms) * 1000).toFixed(0)} tasks/s, ${((ms * 1000) / TASKS).toFixed(1)} µs per task, ${steps.toLocaleString('en')} steps`,
  );
}

export async function runAiBenchmarks(): Promise<void> {
  await benchRouterOverhead();
  benchOfflineSplitting();
}
