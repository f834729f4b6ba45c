// Debian's Chromium (apt, /usr/bin/chromium) driven by playwright-core: never a downloaded browser. Every page
// records its console errors and uncaught exceptions, and tests prove there were none.
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const DESKTOP = { width: 1440, height: 900 } as const;
export const PHONE = { width: 390, height: 844 } as const;
export type Viewport = { width: number; height: number };

export type UserPage = {
  context: BrowserContext;
  page: Page;
  label: string;
  /** Another tab of the same person (same context, same session), its errors recorded too. */
  newTab(label: string): Promise<UserPage>;
  /** Console errors and uncaught exceptions so far, as readable lines. */
  errors(): string[];
  /** Throws listing every console error and uncaught exception this page has seen. */
  assertNoErrors(): void;
};

/** One Chromium; each person gets an isolated context (own storage, own session). */
export type E2EBrowser = {
  newUser(options?: { viewport?: Viewport; label?: string }): Promise<UserPage>;
  /** Throws listing the errors of every page opened so far that no earlier call has reported. */
  assertNoErrors(): void;
  close(): Promise<void>;
};

function track(context: BrowserContext, page: Page, label: string, all: UserPage[]): UserPage {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location();
    seen.push(`console.error ${message.text()}${where.url ? ` (${where.url}:${where.lineNumber})` : ''}`);
  });
  page.on('pageerror', (error) => seen.push(`uncaught ${error.stack ?? error.message}`));
  const tab: UserPage = {
    context,
    page,
    label,
    async newTab(tabLabel) {
      return track(context, await context.newPage(), tabLabel, all);
    },
    errors: () => [...seen],
    assertNoErrors() {
      if (seen.length) throw new Error(`${label}: ${seen.length} error(s) in the browser console:\n  ${seen.join('\n  ')}`);
    },
  };
  all.push(tab);
  return tab;
}

export async function launchBrowser(): Promise<E2EBrowser> {
  // playwright-core gives every launch a fresh user-data dir in the temp folder and removes it on close.
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  const tabs: UserPage[] = [];
  const reported = new Map<UserPage, number>();
  return {
    async newUser(options = {}) {
      const context = await browser.newContext({ viewport: options.viewport ?? DESKTOP });
      return track(context, await context.newPage(), options.label ?? `person ${tabs.length + 1}`, tabs);
    },
    assertNoErrors() {
      const lines = tabs.flatMap((tab) => {
        const errors = tab.errors();
        const fresh = errors.slice(reported.get(tab) ?? 0);
        reported.set(tab, errors.length);
        return fresh.map((line) => `${tab.label}: ${line}`);
      });
      if (lines.length) throw new Error(`${lines.length} error(s) in the browser consoles:\n  ${lines.join('\n  ')}`);
    },
    async close() {
      await browser.close();
    },
  };
}

/**
 * The test file's Chromium: launched before its first test (and before the file's own `beforeAll`, when called
 * at the top of the file), closed after its last. After each test, the errors its pages logged fail that test:
 * the step that made a browser log an error or throw is the one that fails.
 */
export function useBrowser(): E2EBrowser {
  let launched: E2EBrowser | undefined;
  const current = () => {
    if (!launched) throw new Error('useBrowser(): the browser is launched in beforeAll; use it inside hooks and tests.');
    return launched;
  };
  beforeAll(async () => {
    launched = await launchBrowser();
  });
  afterEach(() => {
    launched?.assertNoErrors();
  });
  afterAll(async () => {
    await launched?.close();
  });
  return {
    newUser: (options) => current().newUser(options),
    assertNoErrors: () => current().assertNoErrors(),
    close: () => current().close(),
  };
}
