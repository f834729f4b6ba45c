// Signing in the way a person does: the real login page, its labelled fields, its button.
import type { Page } from 'playwright-core';
import { inject } from 'vitest';

const SIGN_IN_TIMEOUT_MS = 15_000;

/** Opens /login, signs in as `username` with the demo password and waits until the app has left /login. */
export async function signIn(page: Page, username: string, next = '/'): Promise<void> {
  const baseUrl = inject('baseUrl');
  await page.goto(`${baseUrl}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(inject('demoPassword'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: SIGN_IN_TIMEOUT_MS });
}
