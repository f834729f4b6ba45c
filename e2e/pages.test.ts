// Each page a signed-in person opens, at desktop and phone width: it renders, axe finds nothing serious or
// critical, the console stays clean, and a screenshot lands in e2e/screenshots/.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { inject } from 'vitest';
import { assertAccessible } from './support/a11y.ts';
import { signIn } from './support/auth.ts';
import { DESKTOP, launchBrowser, PHONE, type E2EBrowser, type Viewport } from './support/browser.ts';
import { screenshot } from './support/screenshots.ts';

const WAIT_MS = 10_000;

let browser: E2EBrowser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const widths: [string, Viewport][] = [
  ['desktop', DESKTOP],
  ['phone', PHONE],
];

describe.each(widths)('at %s width', (name, viewport) => {
  it('shows the sign-in page', async () => {
    const user = await browser.newUser({ viewport, label: `login (${name})` });
    await user.page.goto(`${inject('baseUrl')}/login`);
    await user.page.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout: WAIT_MS });
    await assertAccessible(user.page, user.label);
    await screenshot(user.page, 'login');
    user.assertNoErrors();
  });

  it('signs in through the form and shows the dashboard with its counts', async () => {
    const user = await browser.newUser({ viewport, label: `dashboard (${name})` });
    await signIn(user.page, 'creative.manager');
    await user.page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor({ timeout: WAIT_MS });
    await user.page.getByRole('list', { name: 'Ticket counts' }).waitFor({ timeout: WAIT_MS });
    await assertAccessible(user.page, user.label);
    await screenshot(user.page, 'dashboard');
    user.assertNoErrors();
  });
});
