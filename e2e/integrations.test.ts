// Integrations (issue 24) as a person and an admin use them: a token made on Profile → API tokens works as its
// owner and stops once revoked; an admin makes a service account and a token that acts as it; a webhook made on
// Manage → Webhooks receives a ticket change on a local receiver, and its delivery shows in the log. Then each
// page at desktop and phone width: axe finds nothing serious or critical, the page never scrolls sideways, and a
// screenshot lands in e2e/screenshots/. The server allows loopback webhooks (global-setup.ts).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { assertAccessible } from './support/a11y.ts';
import { graphql, tokenFor } from './support/api.ts';
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

/** A local endpoint that records what it receives and answers 200. */
type Received = { headers: IncomingHttpHeaders; body: string };
let receiver: Server;
const received: Received[] = [];

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

async function receivedWhere(match: (request: Received) => boolean): Promise<Received> {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    const found = received.find(match);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no matching webhook request within ${WAIT_MS} ms (received ${received.length})`);
}

describe('webhooks', () => {
  it('a manager registers an endpoint; a ticket change reaches it signed, shows in the log, and is sent again on request', async () => {
    const { page } = await newPerson('marketing.manager', '/admin/webhooks');
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor({ timeout: WAIT_MS });
    await page.getByRole('button', { name: 'Create webhook' }).click();
    await page.getByText('Enter the address that receives the events.').waitFor({ timeout: WAIT_MS });

    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/e2e`;
    await page.getByLabel('Endpoint URL').fill(url);
    expect(await page.getByRole('checkbox', { name: 'All events' }).isChecked()).toBe(true);
    await page.getByLabel('Department').selectOption({ label: 'Marketing' });
    await page.getByLabel('Description (optional)').fill('E2E receiver');
    await page.getByRole('button', { name: 'Create webhook' }).click();
    const secret = await shownSecret(page, 'Signing secret of the new webhook');
    expect(secret).toMatch(/^whsec_/);
    await assertAccessible(page, 'webhook secret shown once');
    await screenshot(page, 'integrations-webhook-secret');
    await page.getByRole('button', { name: 'Done' }).click();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'E2E receiver' }) });
    await card.getByText('Enabled').waitFor({ timeout: WAIT_MS });

    // A ticket of Marketing, filed by the marketer: its manager's webhook gets the CREATED event.
    const title = 'Banner announced to the webhook';
    await graphql(
      'mutation ($input: CreateTicketInput!) { createTicket(input: $input) { ticket { id } } }',
      { input: { title, description: 'Made by the integrations end-to-end test.', priority: 'LOW', requestType: 'WEBSITE_BANNER' } },
      await tokenFor('marketer'),
    );
    const request = await receivedWhere((candidate) => candidate.body.includes(title));
    const payload = new Webhook(secret).verify(request.body, {
      'webhook-id': String(request.headers['webhook-id']),
      'webhook-timestamp': String(request.headers['webhook-timestamp']),
      'webhook-signature': String(request.headers['webhook-signature']),
    }) as { type: string };
    expect(payload.type).toMatch(/CREATED/i);

    await card.getByRole('button', { name: 'Deliveries of E2E receiver' }).click();
    const log = card.getByRole('table', { name: 'Deliveries of E2E receiver, newest first' });
    const row = log.getByRole('row').filter({ hasText: 'Ticket created' }).first();
    await row.getByText('Delivered').waitFor({ timeout: WAIT_MS });
    await row.getByText('200').waitFor({ timeout: WAIT_MS });
    await assertAccessible(page, 'webhook delivery log');
    await screenshot(page, 'integrations-webhook-deliveries');

    const before = received.filter((candidate) => candidate.body.includes(title)).length;
    await row.getByRole('button', { name: /^Redeliver/ }).click();
    await card.getByText('Queued to be sent again.').waitFor({ timeout: WAIT_MS });
    await expect.poll(() => received.filter((candidate) => candidate.body.includes(title)).length, { timeout: WAIT_MS }).toBeGreaterThan(before);

    await card.getByRole('button', { name: 'Disable E2E receiver' }).click();
    await card.getByText('Disabled', { exact: true }).waitFor({ timeout: WAIT_MS });
    await card.getByRole('button', { name: 'Enable E2E receiver' }).click();
    await card.getByText('Enabled', { exact: true }).waitFor({ timeout: WAIT_MS });

    await card.getByRole('button', { name: 'Delete E2E receiver' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete the webhook “E2E receiver”?' });
    await dialog.getByRole('button', { name: 'Delete webhook' }).click();
    await card.waitFor({ state: 'detached', timeout: WAIT_MS });
  });
});

/** Path, and what shows the page has rendered its content. */
const PAGES: { name: string; path: string; ready: (page: Page) => Promise<void> }[] = [
  {
    name: 'profile-tokens',
    path: '/profile/tokens',
    ready: (page) => page.getByRole('table', { name: 'Your API tokens' }).or(page.getByText('No tokens yet.')).waitFor({ timeout: WAIT_MS }),
  },
  {
    name: 'admin-service-accounts',
    path: '/admin/service-accounts',
    ready: (page) =>
      page
        .getByRole('heading', { name: /^Accounts/ })
        .or(page.getByText('No service accounts yet.'))
        .waitFor({ timeout: WAIT_MS }),
  },
  {
    name: 'admin-webhooks',
    path: '/admin/webhooks',
    ready: (page) => page.getByRole('heading', { name: /^Endpoints/ }).waitFor({ timeout: WAIT_MS }),
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
    // Something to show on the webhooks page.
    await graphql(
      'mutation ($input: CreateWebhookInput!) { createWebhook(input: $input) { secret } }',
      {
        input: {
          url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/${width}`,
          events: ['CREATED', 'STATUS_CHANGED', 'COMMENTED'],
          description: `Reporting (${width})`,
        },
      },
      await tokenFor('admin'),
    );
  });

  it.each(PAGES.map((page) => [page.name, page] as const))('shows the %s page', async (name, target) => {
    await person.page.goto(`${inject('baseUrl')}${target.path}`);
    await target.ready(person.page);
    await person.page.waitForLoadState('networkidle');
    expect(await person.page.getByRole('alert').allInnerTexts(), `${name} (${width}) shows errors`).toEqual([]);
    const overflow = await person.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name} (${width}) scrolls sideways by`).toBe(0);
    // Taken before the checks below, so a failing page can be looked at.
    await screenshot(person.page, `integrations-${name}`);
    await assertAccessible(person.page, `${name} (${width})`);
  });
});
