// Issue 26 items 3–4 in the browser: the designer uploads two versions of a PNG on a ticket in progress and
// compares them in the proof view side by side, by slider (dragged and moved with the keys) and as a highlighted
// difference; the requester's open annotation on version 1 is carried over to version 2. Then, on the completed
// ticket, the requester requests changes with the open annotation (the ticket goes back to In progress, the
// reason lists it) and, after the next completion, approves (the ticket closes). Screenshots at 1440 and 390 px,
// axe clean.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { pngFile } from '../api/test/support/files.ts';
import { assertAccessible } from './support/a11y.ts';
import { graphql, tokenFor } from './support/api.ts';
import { signIn } from './support/auth.ts';
import { DESKTOP, PHONE, useBrowser } from './support/browser.ts';
import { eventually } from './support/live.ts';
import { screenshot } from './support/screenshots.ts';

const WAIT_MS = 15_000;
const FILE = `e2e-compare-${Date.now().toString(36)}.png`;
const WIDTH = 320;
const HEIGHT = 200;
/** The diff's colour for what is darker in the newer version (compare-diff.ts). */
const ADDED = [214, 0, 110];

type Rgb = [number, number, number];
type Box = { x: number; y: number; width: number; height: number; colour: Rgb };

/** A WIDTH × HEIGHT RGB PNG, white with the given boxes painted on it. */
function pngWith(boxes: Box[]): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < HEIGHT; y++) {
    const row = Buffer.alloc(1 + WIDTH * 3, 0xff);
    row[0] = 0;
    for (const box of boxes) {
      if (y < box.y || y >= box.y + box.height) continue;
      for (let x = box.x; x < box.x + box.width; x++) row.set(box.colour, 1 + x * 3);
    }
    rows.push(row);
  }
  return pngFile({ width: WIDTH, height: HEIGHT }, Buffer.concat(rows));
}

const BLUE: Rgb = [30, 80, 200];
const VERSION_1 = pngWith([{ x: 40, y: 40, width: 80, height: 60, colour: BLUE }]);
// The logo moved 20 px right, and a dark square added at (200, 120).
const VERSION_2 = pngWith([
  { x: 60, y: 40, width: 80, height: 60, colour: BLUE },
  { x: 200, y: 120, width: 60, height: 60, colour: [20, 20, 20] },
]);

const browser = useBrowser();
const tokens: Record<string, string> = {};
let ticket: { id: string; number: number; title: string };
let versions: { id: string; version: number }[] = [];

const as = (username: string, query: string, variables: Record<string, unknown> = {}) => graphql<Record<string, unknown>>(query, variables, tokens[username]);

async function statusOf(): Promise<{ status: string; history: { nodes: { toStatus: string | null; reason: string | null }[] } }> {
  const data = await graphql<{ ticket: { status: string; history: { nodes: { toStatus: string | null; reason: string | null }[] } } }>(
    'query ($id: ID!) { ticket(id: $id) { status history(first: 100) { nodes { toStatus reason } } } }',
    { id: ticket.id },
    tokens.marketer,
  );
  return data.ticket;
}

async function complete() {
  await as('designer', 'mutation ($input: CompleteTicketInput!) { completeTicket(input: $input) { ticket { status } } }', { input: { id: ticket.id } });
}

beforeAll(async () => {
  for (const username of ['marketer', 'marketing.manager', 'creative.manager', 'designer']) tokens[username] = await tokenFor(username);
  // Set-up only: a request of the marketer's, approved twice, assigned to the designer, started.
  const created = (await as('marketer', 'mutation ($input: CreateTicketInput!) { createTicket(input: $input) { ticket { id number title } } }', {
    input: { title: `Hero banner to compare ${Date.now().toString(36)}`, description: 'Two rounds of the hero banner.', priority: 'HIGH' },
  })) as { createTicket: { ticket: typeof ticket } };
  ticket = created.createTicket.ticket;
  const designer = (await as('designer', '{ viewer { id } }')) as { viewer: { id: string } };
  await as('marketing.manager', 'mutation ($input: ApproveTicketInput!) { approveTicket(input: $input) { ticket { status } } }', { input: { id: ticket.id } });
  await as('creative.manager', 'mutation ($input: ApproveTicketInput!) { approveTicket(input: $input) { ticket { status } } }', { input: { id: ticket.id } });
  await as('creative.manager', 'mutation ($input: AssignTicketInput!) { assignTicket(input: $input) { ticket { status } } }', {
    input: { id: ticket.id, assigneeId: designer.viewer.id },
  });
  await as('designer', 'mutation ($input: TicketActionInput!) { startTicket(input: $input) { ticket { status } } }', { input: { id: ticket.id } });
  expect((await statusOf()).status).toBe('IN_PROGRESS');
});

async function fileVersions(): Promise<{ id: string; version: number }[]> {
  const data = (await as('designer', 'query ($id: ID!) { ticket(id: $id) { attachments { id fileName version } } }', { id: ticket.id })) as {
    ticket: { attachments: { id: string; fileName: string; version: number }[] };
  };
  return data.ticket.attachments.filter((attachment) => attachment.fileName === FILE).sort((a, b) => a.version - b.version);
}

/** The proof view's side-panel tab `name`, opened. */
async function openTab(page: Page, name: string | RegExp) {
  await page.getByRole('tab', { name }).click();
}

describe('version compare and review decisions', () => {
  it('compares two uploaded versions side by side, by slider and as a difference, and carries an open annotation over', async () => {
    const { page } = await browser.newUser({ label: 'designer' });
    await signIn(page, 'designer', `/tickets/${ticket.number}`);
    await page.getByRole('heading', { name: 'Files' }).waitFor({ timeout: WAIT_MS });
    const picker = page.getByLabel('Choose files');
    await picker.setInputFiles({ name: FILE, mimeType: 'image/png', buffer: VERSION_1 });
    await eventually('version 1 is uploaded', async () => expect((await fileVersions()).length).toBe(1));

    // The requester pins a comment on version 1 (set-up through the API: pinning in the browser is the proof
    // view's own test).
    const [first] = await fileVersions();
    await as('marketer', 'mutation ($input: AddAnnotationInput!) { addAnnotation(input: $input) { annotation { id } } }', {
      input: { attachmentId: first?.id, shape: 'PIN', x: 0.25, y: 0.35, body: 'Logo 20 px right, please' },
    });

    await picker.setInputFiles({ name: FILE, mimeType: 'image/png', buffer: VERSION_2 });
    await page.getByText('1 earlier version').waitFor({ timeout: WAIT_MS });
    versions = await fileVersions();
    expect(versions.map((version) => version.version)).toEqual([1, 2]);
    const [older, newer] = versions;
    if (!older || !newer) throw new Error('two versions expected');

    await page.getByRole('link', { name: `Review ${FILE}` }).click();
    await page.waitForURL((url) => decodeURIComponent(url.pathname) === `/tickets/${ticket.number}/files/${newer.id}`, { timeout: WAIT_MS });
    // The version picker names the version shown (it showed 1 on version 2: its options came after its value).
    await eventually('the picker shows version 2', async () => expect(await page.locator('.proof-version select').inputValue()).toBe(newer.id));
    await page.getByRole('heading', { name: FILE }).waitFor({ timeout: WAIT_MS });

    // Side by side: version 1 against version 2, zoomed together.
    await page.getByRole('button', { name: 'Compare versions' }).click();
    const dialog = page.getByRole('dialog', { name: 'Compare versions' });
    await dialog.waitFor({ timeout: WAIT_MS });
    expect(await dialog.getByLabel('Older').inputValue()).toBe(older.id);
    expect(await dialog.getByLabel('Newer').inputValue()).toBe(newer.id);
    const side = [dialog.getByRole('img', { name: `${FILE}, Version 1` }), dialog.getByRole('img', { name: `${FILE}, Version 2` })];
    for (const image of side)
      await eventually('a version is decoded', async () => expect(await image.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBe(WIDTH));
    await dialog.getByRole('button', { name: 'Zoom in' }).click();
    expect(await Promise.all(side.map((image) => image.evaluate((element) => (element as HTMLImageElement).style.width)))).toEqual(['150%', '150%']);
    await screenshot(page, 'proof-compare-side');

    // Slider: drag the divider to a quarter of the width, the newer version's clip follows; then the keys.
    await dialog.getByRole('button', { name: 'Slider' }).click();
    const divider = dialog.getByRole('slider', { name: 'Divider between Version 1 and Version 2' });
    expect(await divider.getAttribute('aria-valuenow')).toBe('50');
    const stack = await dialog.locator('.compare-stack').boundingBox();
    if (!stack) throw new Error('the slider is not laid out');
    const middle = stack.y + stack.height / 2;
    await page.mouse.move(stack.x + stack.width / 2, middle);
    await page.mouse.down();
    await page.mouse.move(stack.x + stack.width * 0.35, middle, { steps: 4 });
    await page.mouse.move(stack.x + stack.width * 0.25, middle, { steps: 4 });
    await page.mouse.up();
    const dragged = Number(await divider.getAttribute('aria-valuenow'));
    expect(dragged).toBeGreaterThan(23);
    expect(dragged).toBeLessThan(27);
    const newerImage = dialog.getByRole('img', { name: `${FILE}, Version 2` });
    expect(await newerImage.evaluate((element) => (element as HTMLElement).style.clipPath)).toBe(`inset(0px 0px 0px ${dragged}%)`);
    // What shows left of the divider is the older version: the newer image's left quarter is clipped away.
    const visibleFrom = await newerImage.evaluate((element) => {
      const box = element.getBoundingClientRect();
      const inset = /inset\(0px 0px 0px ([\d.]+)%\)/.exec((element as HTMLElement).style.clipPath)?.[1];
      return box.left + (box.width * Number(inset)) / 100;
    });
    expect(Math.abs(visibleFrom - (stack.x + (stack.width * dragged) / 100))).toBeLessThan(3);
    await divider.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(Number(await divider.getAttribute('aria-valuenow'))).toBeCloseTo(dragged + 2, 5);
    await assertAccessible(page, 'compare by slider');
    await screenshot(page, 'proof-compare-slider');

    // Difference: computed in the browser; the added square is highlighted, the untouched corner is not.
    await dialog.getByRole('button', { name: 'Difference' }).click();
    const summary = dialog.locator('.compare-summary');
    await summary.waitFor({ timeout: WAIT_MS });
    expect(await summary.textContent()).toMatch(/% of pixels changed/);
    expect(Number(await summary.getAttribute('data-changed'))).toBeGreaterThan(60 * 60);
    const canvas = dialog.getByRole('img', { name: /^Difference between Version 1 and Version 2: / });
    const [added, untouched] = await canvas.evaluate((element) => {
      const context = (element as HTMLCanvasElement).getContext('2d');
      const at = (x: number, y: number) => Array.from(context?.getImageData(x, y, 1, 1).data.slice(0, 3) ?? []);
      return [at(230, 150), at(5, 5)];
    });
    expect(added).toEqual(ADDED);
    expect(untouched?.every((channel) => channel > 200)).toBe(true);
    await assertAccessible(page, 'compare by difference');
    await screenshot(page, 'proof-compare-difference');
    await dialog.getByRole('button', { name: 'Close compare' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: WAIT_MS });

    // Carried over: the requester's open pin on version 1, pinned again here (and resolved there).
    // Its tab says where the notes come from and how many are open there.
    await openTab(page, 'From v1 (1)');
    const carried = page.getByRole('list', { name: 'Open on version 1' });
    await carried.getByText('Logo 20 px right, please').waitFor({ timeout: WAIT_MS });
    await carried.getByRole('button', { name: 'Re-pin here #1' }).click();
    await page.getByRole('status').filter({ hasText: '#1 pinned here as #1 and resolved on the previous version.' }).waitFor({ timeout: WAIT_MS });
    await page.getByText('No open annotations on version 1.').waitFor({ timeout: WAIT_MS });
    await page.getByRole('tab', { name: 'From v1', exact: true }).waitFor({ timeout: WAIT_MS });
  });

  it('lets the requester request changes with the open annotations, then approve, which closes the ticket', async () => {
    const newer = versions[1];
    if (!newer) throw new Error('the first test uploads the versions');
    await complete();
    const { page } = await browser.newUser({ label: 'marketer' });
    await signIn(page, 'marketer', `/tickets/${ticket.number}/files/${newer.id}`);
    await page.getByRole('heading', { name: FILE }).waitFor({ timeout: WAIT_MS });
    await openTab(page, 'Decisions');
    const panel = page.getByRole('region', { name: 'Review decisions' });
    await panel.getByText('Ticket status:').waitFor({ timeout: WAIT_MS });
    await panel.getByText('Completed').waitFor({ timeout: WAIT_MS });
    await panel.getByText('1 open annotation on this version will be listed with a request for changes.').waitFor({ timeout: WAIT_MS });

    await panel.getByRole('button', { name: 'Request changes' }).click();
    const outcome = panel.getByRole('status');
    await outcome.filter({ hasText: 'Recorded: Changes requested. The ticket is now In progress' }).waitFor({ timeout: WAIT_MS });
    const reviewed = await statusOf();
    expect(reviewed.status).toBe('IN_PROGRESS');
    const revision = reviewed.history.nodes.find((entry) => entry.toStatus === 'IN_PROGRESS' && entry.reason);
    expect(revision?.reason).toContain('#1 Logo 20 px right, please');
    await panel.getByRole('list', { name: 'Decisions on version 2' }).getByText('Changes requested').waitFor({ timeout: WAIT_MS });
    await assertAccessible(page, 'decisions after a request for changes');
    await screenshot(page, 'proof-decisions-changes');

    // The designer fixes it and completes again; the requester approves: the confirmation closes the ticket.
    await complete();
    await panel.getByText('Completed').waitFor({ timeout: WAIT_MS });
    await panel.getByRole('button', { name: 'Approve' }).click();
    await outcome.filter({ hasText: 'Recorded: Approved. The ticket is now Closed' }).waitFor({ timeout: WAIT_MS });
    expect((await statusOf()).status).toBe('CLOSED');
    await panel.getByRole('list', { name: 'Decisions on version 2' }).getByText('Approved').waitFor({ timeout: WAIT_MS });
  });

  for (const viewport of [DESKTOP, PHONE]) {
    it(`shows compare and decisions accessibly at ${viewport.width}×${viewport.height}`, async () => {
      const newer = versions[1];
      if (!newer) throw new Error('the first test uploads the versions');
      const { page } = await browser.newUser({ viewport, label: `marketer at ${viewport.width}` });
      await signIn(page, 'marketer', `/tickets/${ticket.number}/files/${newer.id}`);
      await page.getByRole('heading', { name: FILE }).waitFor({ timeout: WAIT_MS });
      await openTab(page, 'Decisions');
      await page.getByRole('list', { name: 'Decisions on version 2' }).waitFor({ timeout: WAIT_MS });
      await assertAccessible(page, `decisions at ${viewport.width}`);
      await screenshot(page, 'proof-decisions');

      await page.getByRole('button', { name: 'Compare versions' }).click();
      const dialog = page.getByRole('dialog', { name: 'Compare versions' });
      // The dialog takes most of the window (it was .dialog's 480 px), with room around its heading.
      const box = await dialog.boundingBox();
      expect(box?.width).toBeGreaterThan(viewport.width * 0.9);
      expect(box?.height).toBeGreaterThan(viewport.height * 0.85);
      const heading = await dialog.getByRole('heading', { name: 'Compare versions' }).boundingBox();
      expect((heading?.x ?? 0) - (box?.x ?? 0)).toBeGreaterThanOrEqual(12);
      await dialog.getByRole('button', { name: 'Slider' }).click();
      await dialog.getByRole('slider').waitFor({ timeout: WAIT_MS });
      await assertAccessible(page, `compare at ${viewport.width}`);
      await screenshot(page, 'proof-compare');
      // The dark theme: themed buttons and form controls in the dialog and the view behind it.
      await page.emulateMedia({ colorScheme: 'dark' });
      await screenshot(page, 'proof-compare-dark');
      await dialog.getByRole('button', { name: 'Close compare' }).click();
      await screenshot(page, 'proof-decisions-dark');
    });
  }
});
