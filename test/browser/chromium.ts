import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { leaveOver } from '../helpers/leftovers';

/** Debian's Chromium; never a downloaded browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags this machine kind needs: no GPU, no QUIC, no background calls home. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface OfflinePage {
  page: Page;
  context: BrowserContext;
  /** Every request the page tried outside loopback (each one was aborted). */
  blocked: string[];
  /** console.error messages and uncaught page errors. */
  consoleErrors: string[];
}

let browser: Browser | null = null;

async function launch(): Promise<Browser> {
  if (browser) return browser;
  // playwright gives every launch a fresh, empty profile of its own (a temporary user-data-dir).
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  leaveOver(async () => {
    await browser?.close();
    browser = null;
  });
  return browser;
}

function isLoopback(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') return true;
  try {
    const { hostname } = new URL(url);
    return hostname === 'localhost' || hostname === '[::1]' || hostname.startsWith('127.');
  } catch {
    return false;
  }
}

/**
 * A page in a fresh context with the network cut: every request outside loopback is aborted
 * and recorded, so a test proves the page works offline (no CDN, no fonts, no tiles).
 */
export async function openOfflinePage(): Promise<OfflinePage> {
  const context = await (await launch()).newContext();
  leaveOver(() => context.close());
  const blocked: string[] = [];
  const consoleErrors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLoopback(url)) return route.continue();
    blocked.push(url);
    return route.abort('internetdisconnected');
  });
  // WebSockets bypass route(): refuse any that leave loopback as well.
  await context.routeWebSocket(/.*/, (ws) => {
    if (isLoopback(ws.url().replace(/^ws/, 'http'))) return ws.connectToServer();
    blocked.push(ws.url());
    return ws.close();
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  return { page, context, blocked, consoleErrors };
}
