// axe-core over the page as it is now; serious and critical findings fail the test, printed so a person can
// find the element without rerunning.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

const BLOCKING = new Set(['serious', 'critical']);

export async function assertAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const blocking = results.violations.filter((violation) => violation.impact && BLOCKING.has(violation.impact));
  if (!blocking.length) return;
  const lines = blocking.flatMap((violation) => [
    `[${violation.impact}] ${violation.id}: ${violation.help} (${violation.helpUrl})`,
    ...violation.nodes
      .slice(0, 5)
      .map((node) => `    ${node.target.join(' ')} ${node.html.slice(0, 160)} — ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}`),
    ...(violation.nodes.length > 5 ? [`    …and ${violation.nodes.length - 5} more`] : []),
  ]);
  throw new Error(`${label}: ${blocking.length} serious or critical accessibility violation(s) at ${page.url()}\n  ${lines.join('\n  ')}`);
}
