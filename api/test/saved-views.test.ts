// Saved views (issue 25): kept on the server per person, so they follow the person to any browser; nobody else
// can list, rename or delete them; the filter is checked on the way in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, startTestApp, type TestApp } from './support/app.ts';
import { type Sessions, signInEveryone } from './support/tickets.ts';

let t: TestApp;
let s: Sessions;

beforeAll(async () => {
  t = await startTestApp();
  s = await signInEveryone(t);
});
afterAll(() => t.close());

const VIEWS = `query ($page: SavedViewPage) { savedViews(page: $page) { id name page filter } }`;
const CREATE = `mutation ($input: CreateSavedViewInput!) { createSavedView(input: $input) { savedView { id name page filter } } }`;
const RENAME = `mutation ($input: RenameSavedViewInput!) { renameSavedView(input: $input) { savedView { id name } } }`;
const DELETE = `mutation ($input: DeleteSavedViewInput!) { deleteSavedView(input: $input) { deletedSavedViewId } }`;
const NODE = `query ($id: ID!) { node(id: $id) { id ... on SavedView { name } } }`;

describe('saved views', () => {
  it('are saved, listed by page, renamed and deleted by their owner, and survive a new sign-in', async () => {
    const filter = { status: ['IN_PROGRESS'], priority: ['URGENT', 'HIGH'], q: 'banner', sort: 'due', dir: 'asc', dept: '' };
    const { createSavedView } = await t.ok(CREATE, { input: { name: '  Urgent   work ', page: 'LIST', filter } }, s['creative.manager'].token);
    // Empty values are dropped; the name is tidied.
    expect(createSavedView.savedView).toMatchObject({
      name: 'Urgent work',
      page: 'LIST',
      filter: { status: ['IN_PROGRESS'], priority: ['URGENT', 'HIGH'], q: 'banner', sort: 'due', dir: 'asc' },
    });
    await t.ok(CREATE, { input: { name: 'Board: mine', page: 'BOARD', filter: { mine: 'assigned' } } }, s['creative.manager'].token);

    const { accessToken } = await t.login('creative.manager');
    expect((await t.ok(VIEWS, {}, accessToken)).savedViews.map((view: { name: string }) => view.name)).toEqual(['Urgent work', 'Board: mine']);
    expect((await t.ok(VIEWS, { page: 'BOARD' }, accessToken)).savedViews.map((view: { name: string }) => view.name)).toEqual(['Board: mine']);

    const id = createSavedView.savedView.id;
    expect((await t.ok(RENAME, { input: { id, name: 'Due soon' } }, accessToken)).renameSavedView.savedView.name).toBe('Due soon');
    expect((await t.ok(NODE, { id }, accessToken)).node).toEqual({ id, name: 'Due soon' });
    expect((await t.ok(DELETE, { input: { id } }, accessToken)).deleteSavedView.deletedSavedViewId).toBe(id);
    expect((await t.ok(VIEWS, {}, accessToken)).savedViews.map((view: { name: string }) => view.name)).toEqual(['Board: mine']);
  });

  it("are the owner's alone: another person cannot see, open, rename or delete them", async () => {
    const { createSavedView } = await t.ok(CREATE, { input: { name: 'Private', page: 'LIST', filter: { overdue: '1' } } }, s.designer.token);
    const id = createSavedView.savedView.id;
    for (const other of ['designer2', 'admin'] as const) {
      expect((await t.ok(VIEWS, {}, s[other].token)).savedViews.map((view: { id: string }) => view.id)).not.toContain(id);
      expect((await t.ok(NODE, { id }, s[other].token)).node).toBeNull();
      expect(errorCodes(await t.gql(RENAME, { input: { id, name: 'Mine now' } }, s[other].token))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await t.gql(DELETE, { input: { id } }, s[other].token))).toEqual(['NOT_FOUND']);
    }
    expect(errorCodes(await t.gql(VIEWS, {}))).toEqual(['UNAUTHENTICATED']);
    expect((await t.ok(VIEWS, {}, s.designer.token)).savedViews).toEqual([expect.objectContaining({ id, name: 'Private' })]);
  });

  it('refuse a filter that the page could not have in its URL, and an empty name', async () => {
    const refused = [
      { name: 'x', page: 'BOARD', filter: { sort: 'due' } },
      { name: 'x', page: 'LIST', filter: { password: 'x' } },
      { name: 'x', page: 'LIST', filter: { status: [1, 2] } },
      { name: 'x', page: 'LIST', filter: ['status'] },
      { name: 'x', page: 'LIST', filter: { q: 'x'.repeat(201) } },
      { name: '   ', page: 'LIST', filter: {} },
      { name: 'y'.repeat(81), page: 'LIST', filter: {} },
    ];
    for (const input of refused) {
      expect(errorCodes(await t.gql(CREATE, { input }, s.marketer.token)), JSON.stringify(input).slice(0, 80)).toEqual(['BAD_USER_INPUT']);
    }
    expect((await t.ok(VIEWS, {}, s.marketer.token)).savedViews).toEqual([]);
  });
});
