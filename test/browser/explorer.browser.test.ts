import type { Page } from 'playwright-core';
import { DEMO_BOAT_ID } from '../../src/server/explorer/explorer.examples';
import { explorerBundleRoot } from '../../src/server/explorer/explorer.routes';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack } from '../helpers/stack';
import { openOfflinePage, type OfflinePage } from './chromium';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The explorer as a person meets it, with the network cut: /graphql in Chromium, the Sandbox
 * CDN unreachable, the bundled GraphiQL taking over, example operations running.
 */
// One stack (and browser) at a time: each test stops what it started.
afterEach(disposeLeftovers);

beforeAll(() => {
  // The bundle is a build artefact; a missing one is a failed test, never a skip.
  if (!existsSync(join(explorerBundleRoot(), 'index.html'))) throw new Error('GraphiQL is not built: run npm run build:explorer first');
});

const SANDBOX_CDN = 'https://embeddable-sandbox.cdn.apollographql.com/';

async function runTab(page: Page, title: string): Promise<void> {
  await page.locator('.graphiql-tab', { hasText: title }).click();
  // Run only once the tab is active and its operation is in the editor.
  await page.locator('.graphiql-tab-active', { hasText: title }).waitFor();
  await page.locator('.graphiql-editors .view-lines').filter({ hasText: title }).first().waitFor();
  // GraphiQL re-derives the operation name from the editor after the same debounce as the
  // headers (see setHeaders); a click before it sends the previous tab's operationName.
  await page.waitForTimeout(500);
  await page.locator('.graphiql-execute-button').click();
}

/**
 * Opens the GraphQL URL and waits for GraphiQL with its first tab in the editor: a tab switched
 * before the editor has mounted keeps the first tab's text (GraphiQL 5), which no person is
 * quick enough to hit.
 */
async function openGraphiQL(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForURL(`${url}/explorer/`);
  await page.locator('.graphiql-editors .view-lines').filter({ hasText: 'Fleet' }).first().waitFor();
}

/** Types `json` into a tab's Headers editor. */
async function setHeaders(page: Page, title: string, json: string): Promise<void> {
  await page.locator('.graphiql-tab', { hasText: title }).click();
  await page.locator('.graphiql-tab-active', { hasText: title }).waitFor();
  await page.locator('.graphiql-editor-tools button', { hasText: 'Headers' }).click();
  const editor = page.locator('section[aria-label="Headers"] .graphiql-editor:not(.hidden)');
  await editor.locator('.monaco-editor').click();
  // insertText types no keys, so Monaco's bracket and quote auto-closing stays out of it.
  await page.keyboard.insertText(json);
  await editor.filter({ hasText: json.slice(0, 10) }).waitFor();
  // GraphiQL copies the editor into the tab's state after a 100 ms debounce (@graphiql/react
  // useChangeHandler); a run before that can go out with the tab's old headers.
  await page.waitForTimeout(500);
}

/** Runs a query tab; answers the gateway's JSON (the pane shows only its visible lines). */
async function runQueryTab(page: Page, title: string): Promise<{ data?: Record<string, { totalCount: number }>; errors?: unknown[] }> {
  const answer = page.waitForResponse((response) => response.request().method() === 'POST' && response.request().postData()?.includes(`query ${title}`) === true);
  await runTab(page, title);
  const body = await (await answer).json();
  await paneShows(page, body.data ? '"data"' : '"errors"');
  return body;
}

/** Waits until the result pane shows `text` (Monaco renders only the visible lines). */
async function paneShows(page: Page, text: string): Promise<void> {
  await page.locator('.graphiql-response').filter({ hasText: text }).waitFor();
}

/** Console errors other than the blocked Sandbox script's failed load. */
function unexpectedErrors(tab: OfflinePage): string[] {
  return tab.consoleErrors.filter((error) => !/ERR_INTERNET_DISCONNECTED/.test(error));
}

describe('the explorer offline (default: Sandbox, falling back to the bundled GraphiQL)', () => {
  it('falls back to GraphiQL when the Sandbox CDN is cut, and the fleet query shows data', async () => {
    const stack = await startStack();
    const tab = await openOfflinePage();
    await openGraphiQL(tab.page, stack.url);
    const fleet = await runQueryTab(tab.page, 'Fleet');
    expect(fleet.errors).toBeUndefined();
    expect(fleet.data?.devices?.totalCount).toBe(15);
    await paneShows(tab.page, 'Kotuku');
    expect(tab.blocked.every((url) => url.startsWith(SANDBOX_CDN))).toBe(true);
    expect(tab.blocked.length).toBeGreaterThan(0);
    expect(unexpectedErrors(tab)).toEqual([]);
  });
});

describe('GRAPHQL_IDE=graphiql', () => {
  it('opens GraphiQL directly; the building query and a boat subscription over graphql-ws show data', async () => {
    const stack = await startStack({ live: true, env: { GRAPHQL_IDE: 'graphiql' } });
    const tab = await openOfflinePage();
    await openGraphiQL(tab.page, stack.url);
    const building = await runQueryTab(tab.page, 'Building');
    expect(building.errors).toBeUndefined();
    expect(building.data?.thingsee?.totalCount).toBeGreaterThan(0);
    expect(building.data?.mainflux?.totalCount).toBeGreaterThan(0);
    await paneShows(tab.page, 'ThingseeThing');

    // The subscription goes over graphql-ws: its `next` frames carry the boat's points.
    const socket = tab.page.waitForEvent('websocket', (ws) => ws.url() === stack.wsUrl);
    await runTab(tab.page, 'BoatTrack');
    const frame = await (await socket).waitForEvent('framereceived', (f) => String(f.payload).includes('"type":"next"'));
    expect(JSON.parse(String(frame.payload)).payload.data.measurements.source.id).toBe(DEMO_BOAT_ID);
    await paneShows(tab.page, DEMO_BOAT_ID);
    await paneShows(tab.page, '"measurements"');
    expect(tab.blocked).toEqual([]);
    expect(tab.consoleErrors).toEqual([]);
  });
});

describe('the Headers editor', () => {
  it('sends x-api-key on HTTP and, as connectionParams, on graphql-ws', async () => {
    const stack = await startStack({ live: true, env: { GRAPHQL_IDE: 'graphiql', GATEWAY_API_KEYS: 'browser-key', GATEWAY_ALLOW_ANONYMOUS: 'false' } });
    const tab = await openOfflinePage();
    await openGraphiQL(tab.page, stack.url);
    // GraphiQL keeps headers per tab: each tab gets the key.
    await setHeaders(tab.page, 'Fleet', '{"x-api-key": "browser-key"}');
    const fleet = await runQueryTab(tab.page, 'Fleet');
    expect(fleet.errors).toBeUndefined();
    expect(fleet.data?.devices?.totalCount).toBe(15);

    await setHeaders(tab.page, 'BoatTrack', '{"x-api-key": "browser-key"}');
    const socket = tab.page.waitForEvent('websocket', (ws) => ws.url() === stack.wsUrl);
    await runTab(tab.page, 'BoatTrack');
    const ws = await socket;
    const init = await ws.waitForEvent('framesent', (f) => String(f.payload).includes('connection_init'));
    expect(JSON.parse(String(init.payload)).payload).toMatchObject({ 'x-api-key': 'browser-key' });
    await ws.waitForEvent('framereceived', (f) => String(f.payload).includes('"type":"next"'));
    // GraphiQL's schema introspection at load runs before any header is typed: refused, as it should be.
    expect(tab.consoleErrors.filter((error) => !error.includes('401 (Unauthorized)'))).toEqual([]);
  });
});

describe('explorer off', () => {
  it.each([
    ['GRAPHQL_IDE=off', { GRAPHQL_IDE: 'off' }],
    ['production defaults', { NODE_ENV: 'production', HOST: '127.0.0.1' }],
  ])('%s: a short page naming GRAPHQL_IDE, not CSRF JSON', async (_name, env) => {
    const stack = await startStack({ env });
    const tab = await openOfflinePage();
    const response = await tab.page.goto(stack.url);
    expect(response?.headers()['content-type']).toContain('text/html');
    const text = await tab.page.locator('body').innerText();
    expect(text).toContain('GRAPHQL_IDE');
    expect(text).not.toMatch(/csrf|preflight/i);
    expect(tab.blocked).toEqual([]);
    expect(tab.consoleErrors).toEqual([]);
  });
});
