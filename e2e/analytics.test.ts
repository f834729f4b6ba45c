// Analytics and the monthly report, as a Creative manager and as an admin, at desktop and phone width: the
// nav's Reports link leads there, the figures and charts render, axe finds nothing serious or critical, the console stays
// clean, and screenshots land in e2e/screenshots/. A member sees no link to either.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { assertAccessible } from './support/a11y.ts';
import { graphql, tokenFor } from './support/api.ts';
import { signIn } from './support/auth.ts';
import { DESKTOP, PHONE, type UserPage, useBrowser, type Viewport } from './support/browser.ts';
import { screenshot } from './support/screenshots.ts';

const WAIT_MS = 20_000;

const browser = useBrowser();

/** Waits until the page shows its figures and every chart on it has drawn (no skeleton left). */
async function settled(page: Page, tiles: string) {
  await page.getByRole('list', { name: tiles }).waitFor({ timeout: WAIT_MS });
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => document.querySelectorAll('.chart-skeleton').length === 0, undefined, { timeout: WAIT_MS });
  const alerts = await page.getByRole('alert').allInnerTexts();
  expect(alerts).toEqual([]);
}

const people: [string, string, Viewport][] = [
  ['creative.manager', 'desktop', DESKTOP],
  ['creative.manager', 'phone', PHONE],
  ['admin', 'desktop', DESKTOP],
  // The narrowest width at which the nav is not folded into the menu (app-shell.css folds it at 1100 px).
  ['admin', 'narrow', { width: 1101, height: 900 }],
  // The narrowest width with the labelled Search button (app-shell.css keeps the magnifier alone up to 1360 px).
  ['admin', 'labelled search', { width: 1361, height: 900 }],
];

describe.each(people)('%s at %s width', (username, width, viewport) => {
  let person: UserPage;
  const shot = (name: string) => screenshot(person.page, `${name}-${username.replace('.', '-')}`);

  it('signs in', async () => {
    person = await browser.newUser({ viewport, label: `${username} (${width})` });
    await person.page.goto(`${inject('baseUrl')}/login`);
    await signIn(person.page, username);
  });

  it('opens Analytics: tiles, charts, leaders, tables and the export buttons', async () => {
    const { page } = person;
    await page.goto(`${inject('baseUrl')}/analytics`);
    await settled(page, 'Key figures');
    await page.getByRole('heading', { name: 'Analytics', level: 1 }).waitFor();
    for (const title of ['Output by criteria', 'Average hours per stage', 'Output by request type', 'Leaders', 'Per person', 'By department']) {
      await page.getByRole('heading', { name: title }).waitFor();
    }
    await page.getByRole('button', { name: 'Export analytics (CSV)' }).waitFor();
    await page.getByRole('button', { name: 'Export tickets (CSV)' }).waitFor();
    // Nothing sticks out sideways, and the nav (one Reports link more) does not run under the account area.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    const overlap = await page.evaluate(() => {
      const nav = document.querySelector('.main-nav')?.getBoundingClientRect();
      const account = document.querySelector('.shell-account')?.getBoundingClientRect();
      return nav && account && nav.width > 0 ? nav.right - account.left : 0;
    });
    expect(overlap).toBeLessThanOrEqual(0);
    await assertAccessible(page, `analytics (${username}, ${width})`);
    await shot('analytics');
  });

  it('downloads the analytics and tickets CSV with the session', async () => {
    const { page } = person;
    for (const [button, name] of [
      ['Export analytics (CSV)', /^analytics-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/],
      ['Export tickets (CSV)', /^tickets\.csv$/],
    ] as const) {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: WAIT_MS }), page.getByRole('button', { name: button }).click()]);
      expect(download.suggestedFilename()).toMatch(name);
      const text = await readFile(await download.path(), 'utf8');
      expect(text.split(/\r?\n/).filter(Boolean).length, `${button} has a header and rows`).toBeGreaterThan(1);
    }
    expect(await page.getByRole('alert').allInnerTexts()).toEqual([]);
  });

  it('opens Monthly report from the nav: KPI tiles by status, leaderboard and revisions', async () => {
    const { page } = person;
    await page.goto(`${inject('baseUrl')}/`);
    // On phones the nav folds into the menu button.
    const menu = page.getByRole('button', { name: 'Menu', exact: true });
    if (await menu.isVisible()) await menu.click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('navigation', { name: 'Reports' }).getByRole('link', { name: 'Monthly report' }).click();
    await settled(page, 'Targets');
    const tiles = page.getByRole('list', { name: 'Targets' }).getByRole('listitem');
    expect(await tiles.count()).toBe(4);
    for (const text of await tiles.allInnerTexts()) expect(text).toMatch(/On target|Close to target|Off target/);
    await page.getByRole('heading', { name: 'Leaderboard' }).waitFor();
    await page.getByRole('heading', { name: 'Revision rounds' }).waitFor();
    await assertAccessible(page, `monthly report (${username}, ${width})`);
    await shot('monthly-report');
  });
});

describe('a member', () => {
  it('has no Reports in the nav, and a link to one says it is for managers', async () => {
    const person = await browser.newUser({ viewport: DESKTOP, label: 'designer' });
    await person.page.goto(`${inject('baseUrl')}/login`);
    await signIn(person.page, 'designer');
    const nav = person.page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Board', exact: true }).waitFor({ timeout: WAIT_MS });
    expect(await nav.getByRole('link', { name: 'Reports' }).count()).toBe(0);
    for (const path of ['/analytics', '/reports/monthly']) {
      await person.page.goto(`${inject('baseUrl')}${path}`);
      await person.page.getByRole('heading', { name: 'Reports are for managers' }).waitFor({ timeout: WAIT_MS });
      expect(await person.page.getByRole('button', { name: /Export/ }).count(), `export buttons on ${path}`).toBe(0);
      expect(await person.page.getByRole('alert').count(), `refusals on ${path}`).toBe(0);
    }
  });
});

describe('the assign picker', () => {
  it("shows each Creative member's open work beside their name", async () => {
    const data = await graphql<{ tickets: { nodes: { number: number }[] } }>(
      '{ tickets(first: 1, filter: { status: [APPROVED] }) { nodes { number } } }',
      {},
      await tokenFor('creative.manager'),
    );
    const ticket = data.tickets.nodes[0];
    if (!ticket) throw new Error('the demo data has no APPROVED ticket');
    const person = await browser.newUser({ viewport: DESKTOP, label: 'creative.manager (assign)' });
    await signIn(person.page, 'creative.manager', `/tickets/${ticket.number}`);
    await person.page.getByRole('button', { name: 'Assign', exact: true }).first().click();
    const picker = person.page.getByRole('radiogroup', { name: 'Assignee' });
    await picker
      .getByText(/\d+ in progress · \d+ queued|^Free$/)
      .first()
      .waitFor({ timeout: WAIT_MS });
    await assertAccessible(person.page, 'assign picker');
    await screenshot(person.page, 'assign-picker-workload');
  });
});
