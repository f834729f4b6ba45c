// Debian's Chromium (apt, /usr/bin/chromium) driven by playwright-core: never a downloaded browser. Every page
// records its console errors and uncaught exceptions, and a test ends by proving there were none.
import { chromium, type BrowserContext, type Page } from 'playwright-core';

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

/** One Chromium with a fresh profile; each user gets an isolated context (own storage, own session). */
export type E2EBrowser = {
  newUser(options?: { viewport?: Viewport; label?: string }): Promise<UserPage>;
  close(): Promise<void>;
};

export type UserPage = {
  context: BrowserContext;
  page: Page;
  label: string;
  /** Console errors and uncaught exceptions so far, as readable lines. */
  errors(): string[];
  /** Throws listing every console error and uncaught exception this page has seen. */
  assertNoErrors(): void;
};

export async function launchBrowser(): Promise<E2EBrowser> {
  // playwright-core gives every launch a fresh user-data dir in the temp folder and removes it on close; each
  // context below is isolated from the others like a separate browser profile.
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  const contexts: BrowserContext[] = [];

  return {
    async newUser(options = {}) {
      const viewport = options.viewport ?? DESKTOP;
      const context = await browser.newContext({ viewport });
      contexts.push(context);
      const page = await context.newPage();
      const label = options.label ?? `page ${contexts.length}`;
      const seen: string[] = [];
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        const where = message.location();
        seen.push(`console.error ${message.text()}${where.url ? ` (${where.url}:${where.lineNumber})` : ''}`);
      });
      page.on('pageerror', (error) => seen.push(`uncaught ${error.stack ?? error.message}`));
      return {
        context,
        page,
        label,
        errors: () => [...seen],
        assertNoErrors() {
          if (seen.length) throw new Error(`${label}: ${seen.length} error(s) in the browser console:\n  ${seen.join('\n  ')}`);
        },
      };
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => {});
      await browser.close();
    },
  };
}
