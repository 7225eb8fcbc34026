import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDemo } from '../../src/cli/commands/start.ts';
import { loadConfig } from '../../src/config.ts';
import { createJobRunner, type JobRunner } from '../../src/jobs/index.ts';
import type { DemoAccount } from '../../src/server/demo-accounts.ts';
import { createDemoAccounts, createServer } from '../../src/server/index.ts';
import type { Store } from '../../src/store/index.ts';
import { personMembershipPatterns } from '../../src/store/repositories/entities.ts';
import { chromiumAvailable, launchChromium } from '../support/browser.ts';
import { testCipher } from '../support/databases.ts';
import { openFromTemplate } from '../support/pglite-template.ts';

const screenshots = join(process.cwd(), 'test-output', 'screenshots');

if (!chromiumAvailable)
  console.log('skipped: browser tests (no Chromium at /usr/bin/chromium; apt-get install chromium)');

/**
 * The analyst's pages on one demo world, prepared as on first start (imported, then linked): linkage
 * review with decisions, an entity with its history and undo, stored estimates with reproduction; and
 * a field researcher who sees none of them.
 */
describe.skipIf(!chromiumAvailable)('linkage review and estimates in Chromium', () => {
  let store: Store;
  let app: FastifyInstance;
  let runner: JobRunner;
  let browser: Browser;
  let base: string;
  let accounts: DemoAccount[];
  let runId: number;

  const account = (role: DemoAccount['role']) => {
    const found = accounts.find((candidate) => candidate.role === role);
    if (!found) throw new Error(`no ${role} account`);
    return found;
  };

  async function signedIn(role: DemoAccount['role']): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    await page.goto(base);
    await page.getByLabel('Email').fill(account(role).email);
    await page.getByLabel('Password').fill(account(role).password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    return page;
  }

  /** Stores an MSE over the demo's linked entities (one list per source) through the API, as a job. */
  async function storedEntityEstimate(): Promise<number> {
    const session = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: account('analyst').email, password: account('analyst').password },
    });
    const cookie = session.cookies.find((item) => item.name === 'siren_session');
    const headers = { cookie: `siren_session=${cookie?.value}`, 'x-csrf-token': session.json().csrfToken };
    const membership = await personMembershipPatterns(store.database);
    const started = await app.inject({
      method: 'POST',
      url: '/api/estimates/mse',
      headers,
      payload: {
        input: {
          name: 'demo entities',
          columns: [...membership.sources, 'count'],
          rows: membership.patterns.map((row) => ({
            ...Object.fromEntries(membership.sources.map((source, index) => [source, row.pattern[index]])),
            count: row.count,
          })),
        },
        parameters: { method: 'main', ci: 'bootstrap', replicates: 40 },
        seed: 11,
      },
    });
    expect(started.statusCode).toBe(202);
    for (;;) {
      const job = (await app.inject({ method: 'GET', url: started.json().poll, headers })).json();
      if (job.status === 'failed') throw new Error(`the estimate failed: ${job.error}`);
      if (job.status === 'succeeded') return job.runId;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeAll(async () => {
    store = { database: await openFromTemplate(), cipher: testCipher() };
    const demo = await prepareDemo(store, {
      dataDirectory: join(process.cwd(), 'test-output', 'web-review'),
      people: 1200,
      weeks: 20,
      log: () => {},
    });
    expect(demo.linkage.entities).toBeGreaterThan(0);
    accounts = await createDemoAccounts(store);
    app = await createServer(store, loadConfig({}));
    runner = createJobRunner(store, { pollMilliseconds: 20 });
    runner.start();
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    runId = await storedEntityEstimate();
    browser = await launchChromium();
    mkdirSync(screenshots, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await runner?.stop();
    await app?.close();
    await store?.database.close();
  });

  it('lets an analyst confirm one pair and reject another, keeps both decisions, and opens the entity with its history and undo', async () => {
    const page = await signedIn('analyst');
    const sections = page.getByRole('navigation', { name: 'Sections' });
    expect(await sections.getByRole('link').allTextContents()).toEqual([
      'Overview',
      'Linkage review',
      'Estimates',
    ]);
    await sections.getByRole('link', { name: 'Linkage review' }).click();
    await page.getByRole('heading', { name: 'Linkage review', level: 1 }).waitFor();
    const pairs = page.locator('article.pair');
    await pairs.first().waitFor();
    const decidable = pairs.filter({ has: page.getByRole('button', { name: /^Confirm/ }) });
    expect(await decidable.count()).toBeGreaterThanOrEqual(2);
    // Confirm a pair the linkage left in two entities, so the decision merges them (history, undo).
    const titles = await decidable.getByRole('heading', { level: 2 }).allTextContents();
    const apart: string[] = [];
    for (const title of titles) {
      const ids = (title.match(/\d+/g) ?? []).map(Number);
      const { rows } = await store.database.query<{ entities: number }>(
        'SELECT count(DISTINCT entity_id)::int AS entities FROM entity_members WHERE record_id = ANY($1::bigint[])',
        [ids],
      );
      if (rows[0].entities === 2) apart.push(title);
    }
    expect(apart.length).toBeGreaterThanOrEqual(1);
    const firstPair = decidable.filter({ has: page.getByRole('heading', { name: apart[0], exact: true }) });
    const waterfall = firstPair.getByRole('img', { name: /Match weight explained/ });
    expect(await waterfall.locator('rect').count()).toBeGreaterThanOrEqual(3);
    expect(await firstPair.locator('.comparison tbody tr').count()).toBeGreaterThan(5);
    await page.screenshot({ path: join(screenshots, 'linkage-review.png') });
    await firstPair.screenshot({ path: join(screenshots, 'linkage-pair.png') });

    const listed = await pairs.count();
    expect(await page.locator('article.pair .hint').count()).toBeGreaterThan(0);
    await page.getByLabel(/Only pairs I may decide/).check();
    await expect.poll(() => pairs.count()).toBeLessThan(listed);
    expect(await page.locator('article.pair .hint').count()).toBe(0);
    expect(await pairs.count()).toBe(await decidable.count());

    const confirmedTitle = (await firstPair.getByRole('heading', { level: 2 }).textContent()) ?? '';
    await firstPair.getByLabel('Note (optional)').fill('same name in both scripts, same village');
    await firstPair.getByRole('button', { name: /^Confirm/ }).click();
    const status = page.getByRole('status');
    await expect.poll(() => status.textContent()).toContain(`Confirmed ${confirmedTitle.toLowerCase()}`);
    await expect.poll(() => page.getByRole('article', { name: confirmedTitle }).count()).toBe(0);

    const secondPair = decidable.first();
    const rejectedTitle = (await secondPair.getByRole('heading', { level: 2 }).textContent()) ?? '';
    expect(rejectedTitle).not.toBe(confirmedTitle);
    await secondPair.getByRole('button', { name: /^Reject/ }).click();
    await expect.poll(() => status.textContent()).toContain(`Rejected ${rejectedTitle.toLowerCase()}`);
    await expect.poll(() => page.getByRole('article', { name: rejectedTitle }).count()).toBe(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(screenshots, 'linkage-decided.png') });
    const entityLink = await status
      .getByRole('listitem')
      .filter({ hasText: `Confirmed ${confirmedTitle.toLowerCase()}` })
      .getByRole('link')
      .getAttribute('href');
    expect(entityLink).toMatch(/^#\/entities\/\d+$/);

    await page.reload();
    await pairs.first().waitFor();
    expect(await page.getByRole('article', { name: confirmedTitle }).count()).toBe(0);
    expect(await page.getByRole('article', { name: rejectedTitle }).count()).toBe(0);

    const [left, right] = (confirmedTitle.match(/\d+/g) ?? []).map(Number);
    const decisions = await store.database.query<{ decision: string; note: string | null }>(
      'SELECT decision, note FROM linkage_decisions WHERE left_record = $1 AND right_record = $2',
      [left, right],
    );
    expect(decisions.rows).toEqual([
      { decision: 'confirm', note: 'same name in both scripts, same village' },
    ]);
    await page.goto(`${base}/${entityLink}`);
    await page.getByRole('heading', { name: /^Entity \d+$/ }).waitFor();
    const members = page.locator('section[aria-labelledby="members"] tbody tr td:first-child');
    await expect
      .poll(() => members.allTextContents())
      .toEqual(expect.arrayContaining([String(left), String(right)]));
    const history = page.locator('table.history tbody tr');
    const byAnalyst = history.filter({ hasText: `user:${account('analyst').email}` });
    expect(await byAnalyst.count()).toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: join(screenshots, 'entity.png'), fullPage: true });

    await byAnalyst.last().getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^Undid change \d+/);
    await expect.poll(() => history.filter({ hasText: 'undone by' }).count()).toBeGreaterThanOrEqual(1);
    await page.close();
  }, 120_000);

  it('lists the stored estimate runs with their interval, opens one and reproduces it identically', async () => {
    const page = await signedIn('analyst');
    await page.getByRole('link', { name: 'Estimates' }).click();
    const runs = page.getByRole('table', { name: 'Estimate runs' });
    await runs.waitFor();
    const row = runs.locator('tbody tr', { hasText: `Run ${runId}` });
    expect(await row.textContent()).toMatch(
      /Multiple systems estimation.*population [\d,.]+ \(95% CI [\d,.]+–[\d,.…]+\)/,
    );
    expect(await row.textContent()).toContain('SIREN regional analysis unit (demo)');
    await page.screenshot({ path: join(screenshots, 'estimates.png') });

    await row.getByRole('link', { name: `Run ${runId}` }).click();
    await page.getByRole('heading', { name: `Estimate run ${runId}` }).waitFor();
    expect(await page.getByRole('table', { name: 'Run' }).textContent()).toContain('input: demo entities');
    await page.getByRole('button', { name: 'Reproduce' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent(), { timeout: 30_000 })
      .toContain('Reproduced: the results are identical.');
    await page.screenshot({ path: join(screenshots, 'estimate-run.png'), fullPage: true });
    await page.close();
  }, 90_000);

  it('shows a field researcher neither linkage review nor estimates', async () => {
    const page = await signedIn('field_researcher');
    const sections = page.getByRole('navigation', { name: 'Sections' });
    expect(await sections.getByRole('link').allTextContents()).toEqual(['Overview']);
    for (const [hash, heading] of [
      ['#/linkage', 'Linkage review'],
      ['#/estimates', 'Estimates'],
      [`#/estimates/${runId}`, 'Estimates'],
    ]) {
      await page.goto(`${base}/${hash}`);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      expect(await page.getByRole('alert').textContent()).toBe(
        'The field researcher role may not open this page.',
      );
      expect(await page.locator('article.pair, table').count()).toBe(0);
    }
    await page.screenshot({ path: join(screenshots, 'field-researcher-refused.png') });
    await page.close();
  }, 60_000);
});
