import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('API keys', () => {
  it('shows the secret once and stores only its hash', async () => {
    const { caller } = await h.newUser();
    const key = await caller.apiKeys.create({ name: 'laptop script', scopes: ['read', 'write'] });
    expect(key.secret).toMatch(/^pxy_[A-Za-z0-9_-]{43}$/);
    expect(key.secret.startsWith(key.prefix)).toBe(true);

    const listed = await caller.apiKeys.list();
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(key.secret);
    const rows = await h.raw.query<Record<string, unknown>>('select * from api_keys');
    expect(JSON.stringify(rows)).not.toContain(key.secret);
  });

  it('works on tRPC and REST with a Bearer header', async () => {
    const { caller } = await h.newUser();
    const task = await caller.tasks.create({ title: 'Reply to the landlord' });
    const { secret } = await caller.apiKeys.create({ name: 'agent', scopes: ['read', 'write'] });

    const viaTrpc = await h.withKey(secret).tasks.get({ id: task.id });
    expect(viaTrpc.title).toBe('Reply to the landlord');

    const viaRest = await h.rest('GET', `/tasks/${task.id}`, { key: secret });
    expect(viaRest.status).toBe(200);
    expect(((await viaRest.json()) as { title: string }).title).toBe('Reply to the landlord');

    const created = await h.rest('POST', '/tasks', { key: secret, body: { title: 'From REST' } });
    expect(created.status).toBe(201);
    expect((await caller.tasks.list({ q: 'From REST' })).items).toHaveLength(1);

    // And over tRPC's own HTTP wire format (what the typed client package sends).
    const wire = await h.trpcHttp(
      new Request('http://localhost/api/trpc/tasks.counts', {
        headers: { authorization: `Bearer ${secret}` },
      }),
    );
    expect(wire.status).toBe(200);
  });

  it('refuses a revoked key on tRPC and REST', async () => {
    const { caller } = await h.newUser();
    const key = await caller.apiKeys.create({ name: 'old', scopes: ['read'] });
    await caller.apiKeys.revoke({ id: key.id });

    await expect(h.withKey(key.secret).tasks.list({})).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    const res = await h.rest('GET', '/tasks', { key: key.secret });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { message: string }).message).toMatch(/not valid/);
    expect((await caller.apiKeys.list())[0]?.revokedAt).toBeInstanceOf(Date);
  });

  it('a read-scoped key can read but not write', async () => {
    const { caller } = await h.newUser();
    const task = await caller.tasks.create({ title: 'Water the plants' });
    const { secret } = await caller.apiKeys.create({ name: 'reader', scopes: ['read'] });

    expect((await h.withKey(secret).tasks.list({})).items).toHaveLength(1);
    await expect(h.withKey(secret).tasks.create({ title: 'nope' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const patch = await h.rest('PATCH', `/tasks/${task.id}`, {
      key: secret,
      body: { status: 'done' },
    });
    expect(patch.status).toBe(403);
    const del = await h.rest('DELETE', `/tasks/${task.id}`, { key: secret });
    expect(del.status).toBe(403);
    expect((await caller.tasks.get({ id: task.id })).status).toBe('inbox');
  });

  it('an agent-only key cannot touch tasks, and no key can manage keys', async () => {
    const { caller } = await h.newUser();
    const agent = await caller.apiKeys.create({ name: 'agent', scopes: ['agent'] });
    await expect(h.withKey(agent.secret).tasks.list({})).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const writer = await caller.apiKeys.create({ name: 'writer', scopes: ['write'] });
    await expect(
      h.withKey(writer.secret).apiKeys.create({ name: 'escalate', scopes: ['agent'] }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('rejects garbage credentials with 401, not 500', async () => {
    for (const header of [
      'Bearer',
      'Basic abc',
      'Bearer pxy_made_up',
      `Bearer ${'x'.repeat(5000)}`,
    ]) {
      const res = await h.rest('GET', '/tasks', { key: header.replace(/^Bearer ?/, '') || ' ' });
      expect(res.status).toBe(401);
    }
    const noAuth = await h.rest('GET', '/tasks');
    expect(noAuth.status).toBe(401);
  });

  it('another user cannot revoke my key', async () => {
    const a = await h.newUser();
    const b = await h.newUser();
    const key = await a.caller.apiKeys.create({ name: 'mine', scopes: ['read'] });
    await expect(b.caller.apiKeys.revoke({ id: key.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await h.withKey(key.secret).tasks.list({})).items).toEqual([]);
  });
});
