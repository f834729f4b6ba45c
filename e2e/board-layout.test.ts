// The board's layout as a person meets it at 1440×900 and on a phone: every column's header on screen without
// scrolling past the tallest column (Closed and Rejected collapsed to their counts, the choice remembered),
// cards shown as soon as the board's data arrives whatever the live connection is doing, a menu button big
// enough to tap, and a card focused from the keyboard never hidden under the sticky header.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { signIn } from './support/auth.ts';
import { COLUMNS, column } from './support/board.ts';
import { DESKTOP, PHONE, useBrowser } from './support/browser.ts';
import { screenshot } from './support/screenshots.ts';

const WAIT_MS = 15_000;

const browser = useBrowser();

/** The first card of a column (its title link), once the board has data. */
const firstCard = (page: Page, title: (typeof COLUMNS)[keyof typeof COLUMNS]): Locator =>
  column(page, title)
    .getByRole('link', { name: /^#\d+ / })
    .first();

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error('no box: the element is not rendered');
  return found;
}

describe('the board at 1440×900', () => {
  it('shows every column’s header on screen, Closed and Rejected collapsed with their counts, and remembers an expanded one', async () => {
    const { page } = await browser.newUser({ viewport: DESKTOP, label: 'admin (desktop)' });
    await signIn(page, 'admin', '/board');
    await firstCard(page, COLUMNS.PENDING_CREATIVE).waitFor({ timeout: WAIT_MS });

    for (const title of Object.values(COLUMNS)) {
      const header = await box(column(page, title).getByRole('heading', { name: title }));
      expect(header.x + header.width, `${title}'s header ends inside the window`).toBeLessThanOrEqual(DESKTOP.width);
      expect(header.y + header.height, `${title}'s header is above the fold`).toBeLessThanOrEqual(DESKTOP.height);
    }
    // The page itself is no taller than the window: the tallest column scrolls inside the board.
    expect(await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight)).toBeLessThanOrEqual(0);

    for (const title of [COLUMNS.CLOSED, COLUMNS.REJECTED]) {
      const toggle = column(page, title).getByRole('button', { name: `Expand ${title}` });
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      expect(Number((await column(page, title).locator('.board-column-count').textContent())?.replace(/\D/g, ''))).toBeGreaterThan(0);
      expect(
        await column(page, title)
          .getByRole('link', { name: /^#\d+ / })
          .count(),
      ).toBe(0);
    }
    await screenshot(page, 'board-collapsed');

    // A click anywhere on the Closed strip (here well below its title) expands it, and it stays open after a
    // reload; collapsing In progress too.
    await column(page, COLUMNS.CLOSED).click({ position: { x: 24, y: 500 } });
    await firstCard(page, COLUMNS.CLOSED).waitFor({ timeout: WAIT_MS });
    await column(page, COLUMNS.IN_PROGRESS)
      .getByRole('button', { name: `Collapse ${COLUMNS.IN_PROGRESS}` })
      .click();
    await page.reload();
    await firstCard(page, COLUMNS.CLOSED).waitFor({ timeout: WAIT_MS });
    expect(
      await column(page, COLUMNS.IN_PROGRESS)
        .getByRole('button', { name: `Expand ${COLUMNS.IN_PROGRESS}` })
        .getAttribute('aria-expanded'),
    ).toBe('false');
    expect(
      await column(page, COLUMNS.REJECTED)
        .getByRole('button', { name: `Expand ${COLUMNS.REJECTED}` })
        .count(),
    ).toBe(1);
    // The last card of the tallest column is reached by scrolling that column, not the page.
    const cards = column(page, COLUMNS.CLOSED).getByRole('link', { name: /^#\d+ / });
    await cards.last().scrollIntoViewIfNeeded();
    const last = await box(cards.last());
    expect(last.y + last.height).toBeLessThanOrEqual(DESKTOP.height);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await screenshot(page, 'board-expanded');
  });

  it('shows the cards as soon as the board’s data arrives, while the live connection is still opening', async () => {
    const person = await browser.newUser({ viewport: DESKTOP, label: 'admin (no live connection)' });
    // The socket opens but the server never acknowledges it: the live connection is not up.
    await person.context.routeWebSocket(/\/graphql$/, () => undefined);
    await signIn(person.page, 'admin', '/board');
    const { page } = person;
    await firstCard(page, COLUMNS.PENDING_CREATIVE).waitFor({ timeout: WAIT_MS });
    expect(await page.getByRole('status', { name: 'Loading tickets' }).count()).toBe(0);
    // "Connecting…", or "Reconnecting…" once the 10 s acknowledgement timeout has passed (e2e/live-board.test.ts).
    expect(await page.locator('.connection').textContent()).toMatch(/Connecting|Reconnecting/);
  });
});

describe('on a phone (390 px)', () => {
  it('has card menu buttons of at least 24×24 px', async () => {
    const { page } = await browser.newUser({ viewport: PHONE, label: 'admin (phone)' });
    await signIn(page, 'admin', '/board');
    const card = firstCard(page, COLUMNS.PENDING_CREATIVE);
    await card.waitFor({ timeout: WAIT_MS });
    const menu = await box(card.locator('xpath=ancestor::article[1]').getByRole('button', { name: /^Move / }));
    expect(menu.width).toBeGreaterThanOrEqual(24);
    expect(menu.height).toBeGreaterThanOrEqual(24);
    await screenshot(page, 'board-phone');
  });

  it('does not scroll sideways on /tickets and /board: the filters fold behind a Filters button', async () => {
    const { page } = await browser.newUser({ viewport: PHONE, label: 'admin (phone, page width)' });
    const expectNoSidewaysScroll = async (where: string) => {
      const width = await page.evaluate(() => {
        const inScrollBox = (element: Element) => {
          for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
            if (getComputedStyle(parent).overflowX !== 'visible') return true;
          }
          return false;
        };
        return {
          document: document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY,
          window: window.innerWidth,
          // What sticks out past the window's right edge outside a scrolling box: why, when it fails.
          sticksOut: [...document.querySelectorAll('body *')]
            .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5 && !inScrollBox(element))
            .slice(0, 5)
            .map((element) => `${element.tagName.toLowerCase()}.${element.className}`),
        };
      });
      expect(width.document, `${where} is wider than the window: ${width.sticksOut.join(', ')}`).toBeLessThanOrEqual(width.window);
    };
    await signIn(page, 'admin', '/tickets');
    for (const [path, ready] of [
      ['/tickets', page.getByRole('link', { name: /^#\d+ / }).first()],
      ['/board', firstCard(page, COLUMNS.APPROVED)],
    ] as const) {
      if (path !== '/tickets') await page.goto(`${inject('baseUrl')}${path}`);
      await ready.waitFor({ timeout: WAIT_MS });
      await expectNoSidewaysScroll(path);
      const priority = page.getByRole('combobox', { name: /^Priority/ });
      expect(await priority.isVisible()).toBe(false);
      await page.getByRole('button', { name: /^Filters/ }).click();
      await priority.waitFor({ timeout: WAIT_MS });
      await expectNoSidewaysScroll(`${path} with the filters open`);
      if (path === '/tickets') await screenshot(page, 'tickets-filters-phone');
    }
  });

  for (const [where, path, ready] of [
    ['a board card', '/board', (page: Page) => firstCard(page, COLUMNS.APPROVED)],
    ['a row of the tickets list', '/tickets', (page: Page) => page.getByRole('link', { name: /^#\d+ / }).first()],
  ] as const) {
    it(`keeps ${where} reached with Shift+Tab from below clear of the sticky header`, async () => {
      const { page } = await browser.newUser({ viewport: PHONE, label: `admin (phone, ${path})` });
      await signIn(page, 'admin', path);
      await ready(page).waitFor({ timeout: WAIT_MS });
      // The fifth ticket link in reading order, then everything scrolled as far down as it goes.
      const links = path === '/board' ? column(page, COLUMNS.APPROVED).getByRole('link', { name: /^#\d+ / }) : page.getByRole('link', { name: /^#\d+ / });
      await links.nth(4).focus();
      await page.evaluate(() => {
        for (const element of document.querySelectorAll('*')) if (element.scrollHeight > element.clientHeight) element.scrollTop = element.scrollHeight;
        window.scrollTo(0, document.documentElement.scrollHeight);
      });
      for (let step = 0; step < 6; step++) {
        await page.keyboard.press('Shift+Tab');
        const header = await box(page.locator('.shell-header'));
        const focused = await page.evaluate(() => {
          const rect = document.activeElement?.getBoundingClientRect();
          return rect ? { top: rect.top, label: document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent } : undefined;
        });
        expect(focused?.top, `${focused?.label} is below the header`).toBeGreaterThanOrEqual(header.y + header.height);
      }
    });
  }
});
