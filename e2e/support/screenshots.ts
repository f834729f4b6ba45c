// Full-page screenshots into e2e/screenshots/ (git-ignored), named by page and viewport.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

export const SCREENSHOT_DIR = fileURLToPath(new URL('../screenshots', import.meta.url));

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const viewport = page.viewportSize();
  const file = path.join(SCREENSHOT_DIR, `${name}-${viewport ? `${viewport.width}x${viewport.height}` : 'page'}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
