import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baseUrl,
  createKey,
  launchBrowser,
  newContext,
  rest,
  screenshot,
  signUp,
  uniqueEmail,
} from './browser';

describe('delegation views', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('triages in Scout, drags in Mapper, and sees an agent’s completion arrive', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signUp(page, uniqueEmail('delegation'));
    const personKey = await createKey(page, 'me', ['read', 'write']);
    const agentKey = await createKey(page, 'docs agent', ['agent']);

    // The agent's MCP endpoint answers an initialize with the agent key.
    const mcp = await fetch(`${baseUrl()}/api/mcp`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${agentKey}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'e2e', version: '1.0.0' },
        },
      }),
    });
    expect(mcp.status).toBe(200);
    expect(await mcp.json()).toMatchObject({ result: { serverInfo: { name: 'proxy' } } });

    await rest(agentKey, 'POST', '/delegation/agents/register', {
      agent_id: 'docs-agent',
      agent_type: 'writer',
      capabilities: ['docs'],
    });
    await rest(personKey, 'POST', '/tasks', {
      title: 'Write the changelog',
      requiredCapabilities: ['docs'],
      complexity: 4,
    });
    await rest(personKey, 'POST', '/tasks', { title: 'Call the bank' });

    // Scout: suggestions with reasons; triage one by suggestion, one by multi-select.
    await page.goto('/scout');
    const row = (title: string) => page.getByTestId('scout-task').filter({ hasText: title });
    await row('Write the changelog')
      .getByTestId('suggestion')
      .getByText('docs-agent can help, but with complexity 4 you should review the result')
      .waitFor();
    await row('Write the changelog').getByRole('button', { name: 'Accept suggestion' }).click();
    await row('Write the changelog').getByTestId('task-mode').getByText('Do with me').waitFor();
    await page.getByRole('checkbox', { name: 'Select Call the bank' }).check();
    await page
      .getByRole('toolbar', { name: 'Triage selected tasks' })
      .getByRole('button', { name: 'Do', exact: true })
      .click();
    await row('Call the bank').getByTestId('task-mode').getByText('Do', { exact: true }).waitFor();
    await screenshot(page, 'scout');

    // Mapper: drag "Call the bank" from Do to Delete; move the changelog with the keyboard.
    await page.goto('/mapper');
    const card = (title: string) => page.getByTestId('board-card').filter({ hasText: title });
    await page.getByTestId('column-DO').getByText('Call the bank').waitFor();
    // Grab the card by its edge (the title is a button for keyboard use).
    await card('Call the bank').dragTo(page.getByTestId('column-DELETE'), {
      sourcePosition: { x: 3, y: 3 },
    });
    await page.getByTestId('column-DELETE').getByText('Call the bank').waitFor();
    await page.getByTestId('column-DO_WITH_ME').getByText('Write the changelog').waitFor();
    const handle = (title: string) =>
      card(title).getByRole('button', { name: `${title}, in`, exact: false });
    await handle('Write the changelog').press('ArrowRight');
    await page.getByTestId('column-DELEGATE').getByText('Write the changelog').waitFor();
    await handle('Write the changelog').press('ArrowLeft');
    // The card moves at once; the toast says the server has the move, so it is safe to leave.
    await page
      .getByTestId('toast')
      .filter({ hasText: 'Moved “Write the changelog” to Do with me' })
      .waitFor();
    await page.getByTestId('column-DO_WITH_ME').getByText('Write the changelog').waitFor();
    await screenshot(page, 'mapper');

    // Send it to the agent from Scout; the agent works through REST.
    await page.goto('/scout');
    await row('Write the changelog').getByRole('button', { name: 'Send to an agent' }).click();
    type Assignment = { id: string; status: string; task_title: string };
    let mine: Assignment[] = [];
    for (let i = 0; i < 50 && mine.length === 0; i++) {
      mine = await rest<Assignment[]>(agentKey, 'GET', '/delegation/assignments/agent/docs-agent');
    }
    expect(mine.map((a) => a.task_title)).toEqual(['Write the changelog']);
    const id = mine[0]!.id;
    await rest(agentKey, 'POST', `/delegation/assignments/${id}/accept`);
    await rest(agentKey, 'POST', `/delegation/assignments/${id}/progress`, {
      note: 'Collected the merged PRs',
      percent: 50,
    });

    await page.goto('/agents');
    await page
      .getByTestId('agent-row')
      .filter({ hasText: 'docs-agent' })
      .getByText('1/3')
      .waitFor();
    await rest(agentKey, 'POST', `/delegation/assignments/${id}/complete`, {
      result: 'CHANGELOG.md drafted',
    });
    // The page refreshes on its own: the result arrives in the review queue.
    const review = page.getByTestId('review-item').filter({ hasText: 'Write the changelog' });
    await review.getByText('From docs-agent: CHANGELOG.md drafted').waitFor();
    await screenshot(page, 'agents-review');
    await review.getByRole('button', { name: 'Approve' }).click();
    await page
      .locator('[data-testid="assignment-row"][data-status="completed"]')
      .filter({ hasText: 'Write the changelog' })
      .waitFor();
    await context.close();
  });

  it('letting a task go cancels the agent work on it: Delete in Scout, and Move to… Delete on a phone', async () => {
    type Assignment = { id: string; status: string; task_title: string };
    for (const size of ['desktop', 'phone'] as const) {
      const context = await newContext(
        browser,
        size === 'phone' ? { viewport: { width: 390, height: 844 } } : undefined,
      );
      const page = await context.newPage();
      await signUp(page, uniqueEmail(`let-go-${size}`));
      const personKey = await createKey(page, 'me', ['read', 'write']);
      const agentKey = await createKey(page, 'errand agent', ['agent']);
      await rest(agentKey, 'POST', '/delegation/agents/register', {
        agent_id: 'errand-agent',
        agent_type: 'errands',
        capabilities: ['errands'],
      });
      const task = await rest<{ id: string }>(personKey, 'POST', '/tasks', {
        title: 'Renew the parking permit',
        requiredCapabilities: ['errands'],
        delegationMode: 'DELEGATE',
      });
      const sent = await rest<{ assignment: Assignment }>(
        personKey,
        'POST',
        '/delegation/delegate',
        {
          task_id: task.id,
          delegation_mode: 'DELEGATE',
        },
      );
      // The agent has started on it: live work, not just a queued offer.
      await rest(agentKey, 'POST', `/delegation/assignments/${sent.assignment.id}/accept`);

      if (size === 'desktop') {
        await page.goto('/scout');
        await page.getByRole('checkbox', { name: 'Select Renew the parking permit' }).check();
        await page
          .getByRole('toolbar', { name: 'Triage selected tasks' })
          .getByRole('button', { name: 'Delete', exact: true })
          .click();
        await page
          .getByTestId('scout-task')
          .filter({ hasText: 'Renew the parking permit' })
          .getByTestId('task-mode')
          .getByText('Delete')
          .waitFor();
      } else {
        await page.goto('/mapper');
        await page.getByRole('button', { name: 'Move to… (Renew the parking permit)' }).click();
        await page
          .getByRole('list', { name: 'Columns for Renew the parking permit' })
          .getByRole('button', { name: 'Delete', exact: true })
          .click();
        await page.getByTestId('column-DELETE').getByText('Renew the parking permit').waitFor();
      }

      // The person sees the work cancelled; the agent is no longer holding it.
      await page.goto('/agents');
      await page
        .locator('[data-testid="assignment-row"][data-status="cancelled"]')
        .filter({ hasText: 'Renew the parking permit' })
        .waitFor();
      const mine = await rest<Assignment[]>(
        agentKey,
        'GET',
        '/delegation/assignments/agent/errand-agent',
      );
      expect(mine.filter((a) => a.status !== 'cancelled')).toEqual([]);
      await context.close();
    }
  });

  it('serves MCP at /api/mcp to agent keys only', async () => {
    const res = await fetch(`${baseUrl()}/api/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(res.status).toBe(401);
  });
});
