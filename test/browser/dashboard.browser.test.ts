/**
 * The live dashboard in Debian's Chromium with the network cut, against the whole gateway with
 * live simulators: the API as a front-end uses it (Apollo Client over HTTP and graphql-ws).
 *
 * Needs the built assets: `npm run build:dashboard` (or `npm run build`) first.
 * With DASHBOARD_SCREENSHOT=<path> it also saves the screenshot the README shows
 * (`npm run screenshots`).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';

// page.evaluate callbacks run in the browser; these are the only DOM names they use.
declare const document: { querySelector(selector: string): { getAttribute(name: string): string | null } | null };
declare function requestAnimationFrame(callback: () => void): number;
import { postRaw } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';
import { waitFor } from '../helpers/wait-for';
import { openOfflinePage, type OfflinePage } from './chromium';

const ASSETS = resolve(__dirname, '../../dist/web/dashboard');
const SCREENSHOT = process.env.DASHBOARD_SCREENSHOT;

let stack: Stack;
let browser: OfflinePage;
let page: Page;

beforeAll(async () => {
  if (!existsSync(join(ASSETS, 'index.html'))) {
    throw new Error(`The dashboard is not built (no ${ASSETS}/index.html): run \`npm run build:dashboard\` first`);
  }
  stack = await startStack({ live: true, env: { DASHBOARD: 'true' } });
  browser = await openOfflinePage();
  page = browser.page;
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${stack.origin}/dashboard/`, { waitUntil: 'load' });
}, 60_000);

afterAll(disposeLeftovers);

/** Every boat's position, by global id. */
async function positions(): Promise<Map<string, string>> {
  const boats = await page.locator('[data-testid="boat"]').evaluateAll((nodes) =>
    nodes.map((node) => [node.getAttribute('data-id') ?? '', `${node.getAttribute('data-lat')},${node.getAttribute('data-lon')}`] as const),
  );
  return new Map(boats);
}

/** Resolves once some boat has a position other than in `before` (same ids). */
async function boatsMove(within: number): Promise<void> {
  await waitFor('the boats to have positions', async () => (await positions()).size > 0, within);
  const before = await positions();
  await waitFor(
    'a boat to change position',
    async () => [...(await positions())].some(([id, position]) => before.has(id) && before.get(id) !== position),
    within,
  );
}

async function badgeState(vendor: string): Promise<string | null> {
  return page.getAttribute(`[data-testid="vendor-${vendor}"]`, 'data-state');
}

async function apiState(vendor: string): Promise<string | undefined> {
  const answer = await postRaw<{ vendors: { vendor: string; state: string }[] }>(stack.url, JSON.stringify({ query: '{ vendors { vendor state } }' }));
  return answer.data?.vendors.find((status) => status.vendor === vendor)?.state;
}

test('loads offline with no console errors, and ships under 500 KB gzipped', async () => {
  await page.waitForSelector('[data-testid="vendor-IGTIMI"][data-state="OK"]', { timeout: 10_000 });
  expect(browser.consoleErrors).toEqual([]);
  expect(browser.blocked).toEqual([]);
  const assets = readdirSync(join(ASSETS, 'assets')).map((name) => readFileSync(join(ASSETS, 'assets', name)));
  const gzipped = assets.reduce((sum, bytes) => sum + gzipSync(bytes).length, 0);
  expect(gzipped).toBeLessThan(500 * 1024);
});

test('boats change position within 5 s, rendering at most once per frame', async () => {
  await boatsMove(5_000);
  expect(await page.locator('[data-testid="boat"]').count()).toBeGreaterThan(1);
  // Renders, fleet events and animation frames over the same stretch: many events, few renders.
  const counts = () =>
    page.evaluate(async () => {
      const fleet = document.querySelector('[data-testid="fleet"]');
      return { renders: Number(fleet?.getAttribute('data-renders')), events: Number(fleet?.getAttribute('data-events')) };
    });
  const before = await counts();
  const frames = page.evaluate(
    () =>
      new Promise<number>((done) => {
        let count = 0;
        const start = Number(document.querySelector('[data-testid="fleet"]')?.getAttribute('data-events'));
        const tick = () => {
          count += 1;
          const events = Number(document.querySelector('[data-testid="fleet"]')?.getAttribute('data-events'));
          if (events - start >= 150) done(count);
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
  const frameCount = await frames;
  const after = await counts();
  const renders = after.renders - before.renders;
  expect(after.events - before.events).toBeGreaterThanOrEqual(150);
  expect(renders).toBeLessThanOrEqual(frameCount);
  expect(renders).toBeLessThan((after.events - before.events) / 2);
});

test('an alert row appears within 30 s', async () => {
  await page.locator('[data-testid="alert-row"]').first().waitFor({ timeout: 30_000 });
  const text = await page.locator('[data-testid="alert-row"]').first().innerText();
  expect(text).toMatch(/raised|cleared/);
  if (SCREENSHOT) {
    // The picture in the README: every panel with live data (sensors and books have loaded by now).
    await page.locator('[data-testid="sensor-tile"]').first().waitFor({ timeout: 15_000 });
    mkdirSync(dirname(resolve(SCREENSHOT)), { recursive: true });
    await page.screenshot({ path: resolve(SCREENSHOT), fullPage: false });
  }
});

test('clicking a boat shows its device record and its last minutes as a chart', async () => {
  // Boats close together overlap on the map: click the one drawn on top (the last in the SVG), as a user would.
  await page.locator('[data-testid="boat"]').last().click();
  const detail = page.locator('[data-testid="boat-detail"]');
  await detail.locator('dd', { hasText: 'IGTIMI' }).waitFor({ timeout: 10_000 });
  await detail.locator('canvas').first().waitFor({ timeout: 10_000 });
});

test('taking Thingsee down turns its badge to the state the API reports while boats keep moving; bringing it back restores it', async () => {
  const fault = page.locator('[data-testid="fault-THINGSEE"]');
  expect(await badgeState('THINGSEE')).toBe('OK');
  await fault.click();
  await waitFor('the Thingsee badge to leave OK', async () => ['DEGRADED', 'DOWN'].includes((await badgeState('THINGSEE')) ?? ''), 15_000);
  expect(['DEGRADED', 'DOWN']).toContain(await apiState('THINGSEE'));
  await page.locator('.panel.buildings [data-testid="vendor-banner"]').waitFor({ timeout: 5_000 });
  expect(await badgeState('IGTIMI')).toBe('OK');
  await boatsMove(5_000);

  await fault.click();
  await waitFor('the Thingsee badge to be OK again', async () => (await badgeState('THINGSEE')) === 'OK', 30_000);
  expect(await apiState('THINGSEE')).toBe('OK');
  await page.locator('.panel.buildings [data-testid="vendor-banner"]').waitFor({ state: 'detached', timeout: 5_000 });
});

test('a paged list walks to its end with fetchMore, filtered by vendor', async () => {
  await page.selectOption('[data-testid="list-vendor"]', 'IOTAAP');
  const count = page.locator('[data-testid="list-count"]');
  await waitFor('the IoTaaP devices', async () => Number(await count.getAttribute('data-total')) > 0 && (await page.locator('[data-testid="list-row"]').first().innerText()).includes('IOTAAP'), 10_000);
  const total = Number(await count.getAttribute('data-total'));
  expect(total).toBeGreaterThan(20);
  for (let pages = 0; (await page.locator('[data-testid="load-more"]').count()) > 0; pages += 1) {
    expect(pages).toBeLessThan(10);
    const shown = Number(await count.getAttribute('data-shown'));
    await page.locator('[data-testid="load-more"]:not([disabled])').click();
    await waitFor('the next page', async () => Number(await count.getAttribute('data-shown')) > shown, 10_000);
  }
  expect(Number(await count.getAttribute('data-shown'))).toBe(total);
  const rows = await page.locator('[data-testid="list-row"]').allInnerTexts();
  expect(rows).toHaveLength(total);
  expect(rows.every((row) => row.includes('IOTAAP'))).toBe(true);
  expect(new Set(rows).size).toBeGreaterThan(1);
  expect(browser.consoleErrors).toEqual([]);
});

test('the list searches on the vendor side', async () => {
  await page.selectOption('[data-testid="list-vendor"]', 'IGTIMI');
  await page.fill('[data-testid="list-search"]', 'Kea');
  const rows = page.locator('[data-testid="list-row"]');
  await waitFor('the search to narrow the list', async () => {
    const texts = await rows.allInnerTexts();
    return texts.length > 0 && texts.every((text) => text.includes('Kea'));
  }, 10_000);
  expect(browser.consoleErrors).toEqual([]);
});
