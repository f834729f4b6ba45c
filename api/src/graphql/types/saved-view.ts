// Saved views (issue 25): a person's named filters of the tickets list or the board, theirs alone. The filter is
// the page's URL query as JSON; the web client puts it back in the URL, and a link to that URL is how a view is
// shared (whoever opens it still sees only the tickets they may read).
import { encodeGlobalID } from '@pothos/plugin-relay';
import { SAVED_VIEW_PAGES } from '../../domain/saved-views.ts';
import { builder } from '../builder.ts';
import { requireViewer } from '../viewer.ts';

export const SavedViewPageEnum = builder.enumType('SavedViewPage', { description: 'LIST: /tickets. BOARD: /board.', values: SAVED_VIEW_PAGES });

/** The nil id: a where that matches no owner, for anonymous callers. */
const NOBODY = '00000000-0000-0000-0000-000000000000';

export const SavedViewRef = builder.prismaNode('SavedView', {
  id: { field: 'id' },
  nullable: true,
  description: 'A named set of filters of the tickets list or the board, kept for its owner (nobody else sees it).',
  findUnique: (id, ctx) => ({ id, ownerId: ctx.viewer?.id ?? NOBODY }),
  fields: (t) => ({
    name: t.exposeString('name'),
    page: t.expose('page', { type: SavedViewPageEnum }),
    filter: t.expose('filter', {
      type: 'JSON',
      description:
        "The page's URL query: { key: text | [text] } with the keys q, status, priority, type, dept, assignee, mine, overdue (and sort, dir on LIST).",
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.queryField('savedViews', (t) =>
  t.prismaField({
    type: [SavedViewRef],
    nullable: { list: false, items: false },
    description: "The viewer's saved views, of one page or both, in the order they were saved.",
    args: { page: t.arg({ type: SavedViewPageEnum }) },
    resolve: (query, _root, { page }, ctx) =>
      ctx.prisma.savedView.findMany({
        ...query,
        where: ctx.services.savedViews.ownWhere(requireViewer(ctx), page),
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      }),
  }),
);

const CreateSavedViewInput = builder.inputType('CreateSavedViewInput', {
  fields: (t) => ({
    name: t.string({ required: true, description: 'At most 80 characters.' }),
    page: t.field({ type: SavedViewPageEnum, required: true }),
    filter: t.field({ type: 'JSON', required: true, description: 'The URL query of the page (see SavedView.filter); unknown keys are refused.' }),
  }),
});

const SavedViewPayload = builder.simpleObject('SavedViewPayload', { fields: (t) => ({ savedView: t.field({ type: SavedViewRef, nullable: false }) }) });

builder.mutationField('createSavedView', (t) =>
  t.field({
    type: SavedViewPayload,
    description: 'Saves the filters as a view of your own (at most 50).',
    args: { input: t.arg({ type: CreateSavedViewInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      savedView: await ctx.services.savedViews.create(requireViewer(ctx), { name: input.name, page: input.page, filter: input.filter }),
    }),
  }),
);

const RenameSavedViewInput = builder.inputType('RenameSavedViewInput', {
  fields: (t) => ({ id: t.globalID({ for: SavedViewRef, required: true }), name: t.string({ required: true }) }),
});

builder.mutationField('renameSavedView', (t) =>
  t.field({
    type: SavedViewPayload,
    description: 'Renames one of your views.',
    args: { input: t.arg({ type: RenameSavedViewInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({ savedView: await ctx.services.savedViews.rename(requireViewer(ctx), { id: input.id.id, name: input.name }) }),
  }),
);

const DeleteSavedViewInput = builder.inputType('DeleteSavedViewInput', { fields: (t) => ({ id: t.globalID({ for: SavedViewRef, required: true }) }) });

const DeleteSavedViewPayload = builder.simpleObject('DeleteSavedViewPayload', { fields: (t) => ({ deletedSavedViewId: t.id() }) });

builder.mutationField('deleteSavedView', (t) =>
  t.field({
    type: DeleteSavedViewPayload,
    description: 'Deletes one of your views (links to its filters keep working: they are only a URL).',
    args: { input: t.arg({ type: DeleteSavedViewInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      await ctx.services.savedViews.delete(requireViewer(ctx), input.id.id);
      return { deletedSavedViewId: encodeGlobalID('SavedView', input.id.id) };
    },
  }),
);
