import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { loadDemoWorld } from '../../src/ingest/demo.ts';
import { createDemoAccounts, createServer } from '../../src/server/index.ts';
import type { Store } from '../../src/store/index.ts';
import { chromiumAvailable, launchChromium } from '../support/browser.ts';
import { testCipher } from '../support/databases.ts';
import { openFromTemplate } from '../support/pglite-template.ts';

const screenshots = join(process.cwd(), 'test-output', 'screenshots');

if (!chromiumAvailable)
  console.log('skipped: browser tests (no Chromium at /usr/bin/chromium; apt-get install chromium)');

describe.skipIf(!chromiumAvailable)('the web app in Chromium', () => {
  let store: Store;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let analyst: { email: string; password: string };

  beforeAll(async () => {
    store = { database: await openFromTemplate(), cipher: testCipher() };
    await loadDemoWorld(store, {
      dataDirectory: join(process.cwd(), 'test-output', 'web'),
      people: 400,
      weeks: 20,
    });
    const accounts = await createDemoAccounts(store);
    const found = accounts.find((account) => account.role === 'analyst');
    if (!found) throw new Error('no analyst account');
    analyst = found;
    app = await createServer(store, loadConfig({}));
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
    mkdirSync(screenshots, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.database.close();
  });

  it('opens on a sign-in page, refuses a wrong password, then shows what is loaded with a map', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(base);
    await page.getByLabel('Email').fill(analyst.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/./);
    await page.screenshot({ path: join(screenshots, 'sign-in-refused.png') });

    await page.getByLabel('Password').fill(analyst.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.getByRole('img', { name: /Map of the Greater Mekong/ }).waitFor();
    const provinces = await page.locator('svg path').count();
    expect(provinces).toBe(197);
    const coloured = await page.locator('svg path:not([fill="#f1eef6"])').count();
    expect(coloured).toBeGreaterThan(5);
    const sourcesTable = page.locator('table', { has: page.getByRole('columnheader', { name: 'Source' }) });
    await expect.poll(() => sourcesTable.locator('tbody tr').count()).toBeGreaterThanOrEqual(10);
    expect(await page.getByText('Import history').count()).toBe(1);
    await page.screenshot({ path: join(screenshots, 'overview.png'), fullPage: true });
    await page.close();
  }, 120_000);
});
