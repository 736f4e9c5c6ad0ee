// What every browser test of the web application shares: the server with its demo data on a free port,
// Debian's Chromium, signing a demo user in through the sign-in screens, the API with a page's own
// session, and screenshots compared against the baselines kept in test/web/baselines.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { createStore, openDatabase, type Database, type Store } from '@quantrad/store';
import { totpCode } from '@quantrad/service';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/build-server.ts';
import { demoUsers, seedDemoData, type DemoUser } from '../../src/demo-data.ts';
import { DEFAULT_WEB_ROOT } from '../../src/web-app.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const VIEWPORT = { width: 1366, height: 768 } as const;
const ARTEFACTS = new URL('../../../../test-artifacts/web/', import.meta.url);
const BASELINES = new URL('./baselines/', import.meta.url);

/** Why the browser tests cannot run here, or null when they can. */
export const webSkipReason: string | null = !existsSync(CHROMIUM)
  ? `${CHROMIUM} not installed`
  : !existsSync(`${DEFAULT_WEB_ROOT}/index.html`)
    ? 'the web application is not built (npm run build:web)'
    : null;

export interface WebHarness {
  base: string;
  /** The server's clock: the real time, or moved to `startAt` and running on from there. */
  now: () => Date;
  store: Store;
  browser: Browser;
  /** A new 1366×768 page with this demo user signed in through the screens, at the given address. */
  signedInPage: (role: DemoUser['role'], hash?: string) => Promise<Page>;
  close: () => Promise<void>;
}

export function demoUser(role: DemoUser['role']): DemoUser {
  const user = demoUsers().find((u) => u.role === role);
  if (!user) throw new Error(`no demo user with the role ${role}`);
  return user;
}

/**
 * Starts the server on the embedded database with the demo data, and Chromium. With `startAt`, the
 * server's clock starts then and runs on, and every page's clock reads the same time: a test of a whole
 * day's work can then start at a chosen time of day whenever it runs.
 */
export async function startWebHarness(options: { startAt?: Date } = {}): Promise<WebHarness> {
  const db: Database = await openDatabase({ dataDir: 'memory' });
  const store = createStore(db);
  const offsetMs = options.startAt === undefined ? 0 : options.startAt.getTime() - Date.now();
  const now = (): Date => new Date(Date.now() + offsetMs);
  await seedDemoData(store, now);
  const app: FastifyInstance = await buildServer({ store, now, webRoot: DEFAULT_WEB_ROOT });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${String((app.server.address() as AddressInfo).port)}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless'] });
  mkdirSync(ARTEFACTS, { recursive: true });
  return {
    base,
    now,
    store,
    browser,
    signedInPage: async (role, hash = '') => {
      const user = demoUser(role);
      const page = await browser.newPage({ viewport: VIEWPORT });
      if (offsetMs !== 0) await page.clock.setFixedTime(now());
      await page.goto(`${base}/${hash}`);
      await page.getByLabel('Username').fill(user.username);
      await page.getByLabel('Password').fill(user.password);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByLabel('Authenticator code').fill(totpCode(user.totpSecret, now()));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      return page;
    },
    close: async () => {
      await browser.close();
      await app.close();
      await db.close();
    },
  };
}

/** The API called with the page's own session (as the signed-in user); the body as JSON, to be narrowed. */
export async function apiAs(
  page: Page,
  base: string,
  path: string,
  init: { method?: 'GET' | 'POST' | 'PUT'; body?: unknown } = {},
): Promise<{ status: number; body: unknown }> {
  const token = await page.evaluate(() => sessionStorage.getItem('quantrad.session'));
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${token ?? ''}`,
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  return { status: response.status, body: await response.json() };
}

/** Keeps a full-page screenshot in test-artifacts/web/ (not compared). */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: new URL(`${name}.png`, ARTEFACTS).pathname, fullPage: true });
}

/** Share of pixels that may differ from the baseline: text anti-aliasing, not a changed layout. */
const MAX_DIFFERENT_PIXELS = 0.01;

/**
 * Compares the page, as seen in the 1366×768 viewport, with its baseline (test/web/baselines/NAME.png),
 * with what changes from run to run (dates, times, generated figures) masked out. Throws, naming the
 * share of pixels that differ, when more than 1% do; the screenshot and a picture of the differences are
 * kept in test-artifacts/web/. UPDATE_WEB_BASELINES=1 writes the baseline instead (review it, commit it).
 */
export async function expectMatchesBaseline(page: Page, name: string, mask: Locator[] = []): Promise<void> {
  await page.evaluate('document.fonts.ready');
  const shot = await page.screenshot({ mask, animations: 'disabled', caret: 'hide' });
  writeFileSync(new URL(`${name}.png`, ARTEFACTS), shot);
  const baselineUrl = new URL(`${name}.png`, BASELINES);
  if (process.env.UPDATE_WEB_BASELINES === '1') {
    mkdirSync(BASELINES, { recursive: true });
    writeFileSync(baselineUrl, shot);
    return;
  }
  if (!existsSync(baselineUrl))
    throw new Error(
      `no baseline for the screen ${name}: run with UPDATE_WEB_BASELINES=1, check it, commit it`,
    );
  const actual = PNG.sync.read(shot);
  const expected = PNG.sync.read(readFileSync(baselineUrl));
  if (actual.width !== expected.width || actual.height !== expected.height)
    throw new Error(
      `the screen ${name} is ${String(actual.width)}×${String(actual.height)}, its baseline ${String(expected.width)}×${String(expected.height)}`,
    );
  const diff = new PNG({ width: actual.width, height: actual.height });
  const different = pixelmatch(expected.data, actual.data, diff.data, actual.width, actual.height, {
    threshold: 0.1,
  });
  const share = different / (actual.width * actual.height);
  if (share > MAX_DIFFERENT_PIXELS) {
    writeFileSync(new URL(`${name}.diff.png`, ARTEFACTS), PNG.sync.write(diff));
    throw new Error(
      `the screen ${name} differs from its baseline in ${(share * 100).toFixed(2)}% of pixels (see test-artifacts/web/${name}.diff.png); if the change is intended, run with UPDATE_WEB_BASELINES=1`,
    );
  }
}
