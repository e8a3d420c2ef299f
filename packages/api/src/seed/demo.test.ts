import { afterAll, beforeAll, expect, it } from 'vitest';
import { signIn } from '../auth/service';
import { createHarness, type Harness } from '../testing';
import { DEMO_EMAIL, DEMO_PASSWORD, seedDemo } from './demo';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

it('seeds the demo account once; a second run changes nothing', async () => {
  const first = await seedDemo(h.deps);
  expect(first).toMatchObject({ createdUser: true, createdTasks: 5 });
  const dump = async () =>
    JSON.stringify(await h.raw.query('select id, title, status from tasks order by id'));
  const before = await dump();
  const second = await seedDemo(h.deps);
  expect(second).toEqual({ userId: first.userId, createdUser: false, createdTasks: 0 });
  expect(await dump()).toBe(before);
  const session = await signIn(h.deps, { email: DEMO_EMAIL, password: DEMO_PASSWORD }, '127.0.0.1');
  expect(session?.id).toBe(first.userId);
});
