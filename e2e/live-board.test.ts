// Issue 25, defect 7: the board with a live connection that is slow or impossible. The board's cards come from
// its HTTP query and must show as soon as that answers, never held as skeletons behind the socket; and the
// connection's indicator must say in words that live updates are reconnecting, not "Connecting…" for ever (a
// socket that opens but is never acknowledged) nor "Live" while nothing is connected. Two ways of failing are
// tried: the socket is accepted but never acknowledged, and the socket is closed at once with a normal 1000
// (what a proxy that refuses WebSockets may send; graphql-ws then retries at once, as a first connection).
import type { Page, WebSocketRoute } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { assertAccessible } from './support/a11y.ts';
import { signIn } from './support/auth.ts';
import { COLUMNS, column } from './support/board.ts';
import { DESKTOP, PHONE, useBrowser, type Viewport } from './support/browser.ts';
import { eventually } from './support/live.ts';
import { screenshot } from './support/screenshots.ts';

const WAIT_MS = 30_000;
/** The client gives up on an unacknowledged socket after 10 s, then retries after a backoff of 0.5–1 s. */
const RECONNECTING_WAIT_MS = 20_000;

const browser = useBrowser();

const SOCKETS = {
  'never acknowledged': (_ws: WebSocketRoute) => undefined,
  'closed at once': (ws: WebSocketRoute) => ws.close({ code: 1000, reason: 'No WebSockets here' }),
} as const;

/** What the board and the indicator show now. */
async function snapshot(page: Page) {
  return {
    cards: await page
      .locator('.board')
      .getByRole('link', { name: /^#\d+ / })
      .count(),
    skeletons: await page.getByRole('status', { name: 'Loading tickets' }).count(),
    connection: (await page.locator('.connection').textContent())?.trim() ?? '',
  };
}

describe('the board while the live connection cannot open', () => {
  for (const [how, route] of Object.entries(SOCKETS)) {
    for (const [width, viewport] of [
      ['1440', DESKTOP],
      ['390', PHONE],
    ] as [string, Viewport][]) {
      if (width === '390' && how !== 'never acknowledged') continue;
      it(`shows the cards from the HTTP answer and says live updates are reconnecting (socket ${how}, ${width} px)`, async () => {
        const { page, context } = await browser.newUser({ viewport, label: `admin (socket ${how}, ${width} px)` });
        let sockets = 0;
        await context.routeWebSocket(/\/graphql$/, (ws) => {
          sockets++;
          route(ws);
        });
        await signIn(page, 'admin', '/board');

        // The board's data arrives over HTTP: its cards show, with no skeleton, while the socket is still down.
        await column(page, COLUMNS.PENDING_CREATIVE)
          .getByRole('link', { name: /^#\d+ / })
          .first()
          .waitFor({ timeout: WAIT_MS });
        const shown = await snapshot(page);
        expect(sockets, 'the page tried the live connection').toBeGreaterThan(0);
        expect(shown.cards).toBeGreaterThan(0);
        expect(shown.skeletons).toBe(0);
        expect(shown.connection).not.toBe('Live');

        // The indicator says it in words, and the cards stay: the data is never hidden behind the socket.
        const status = page.locator('.connection');
        await eventually(
          'the indicator says live updates are reconnecting',
          async () => expect(await status.textContent()).toMatch(/Reconnecting/),
          RECONNECTING_WAIT_MS,
        );
        expect(await status.getAttribute('title')).toMatch(/Live updates are reconnecting/);
        // Its Reconnect button retries at once (shown beside it on a desktop; the phone's header has no room).
        if (viewport === DESKTOP) expect(await page.getByRole('button', { name: 'Reconnect' }).isVisible()).toBe(true);
        const later = await snapshot(page);
        expect(later.cards).toBe(shown.cards);
        expect(later.skeletons).toBe(0);

        await screenshot(page, `board-socket-${how.replace(/\s+/g, '-')}`);
        await assertAccessible(page, `the board with the socket ${how} at ${width} px`);
      });
    }
  }
});
