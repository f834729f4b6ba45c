// Saved views: list, save, rename and delete a person's own. Nobody sees or touches another's views: one that
// is not the viewer's is NOT_FOUND, as if it did not exist. Sharing is by link (the URL query), not by row.
import type { Prisma, PrismaClient, SavedView } from '../db/generated/prisma/client.ts';
import { NotFoundError } from '../domain/errors.ts';
import { MAX_VIEWS_PER_PERSON, type SavedViewPage, validateViewFilter, validateViewName } from '../domain/saved-views.ts';
import type { Viewer } from '../domain/viewer.ts';
import { createWithinLimit, OWNER_LOCKS } from './per-owner-limit.ts';

export function createSavedViewService(prisma: PrismaClient) {
  async function ownView(viewer: Viewer, id: string): Promise<SavedView> {
    const view = await prisma.savedView.findFirst({ where: { id, ownerId: viewer.id } });
    if (!view) throw new NotFoundError('Saved view');
    return view;
  }

  return {
    /** The viewer's views, of one page or both. */
    ownWhere(viewer: Viewer, page?: SavedViewPage | null): Prisma.SavedViewWhereInput {
      return { ownerId: viewer.id, ...(page ? { page } : {}) };
    },

    async create(viewer: Viewer, input: { name: string; page: SavedViewPage; filter: unknown }): Promise<SavedView> {
      const name = validateViewName(input.name);
      const filter = validateViewFilter(input.page, input.filter);
      return createWithinLimit(
        prisma,
        {
          lock: OWNER_LOCKS.savedViews,
          ownerId: viewer.id,
          max: MAX_VIEWS_PER_PERSON,
          refusal: `At most ${MAX_VIEWS_PER_PERSON} saved views; delete one first.`,
          field: 'name',
        },
        (tx) => tx.savedView.count({ where: { ownerId: viewer.id } }),
        (tx) => tx.savedView.create({ data: { ownerId: viewer.id, name, page: input.page, filter } }),
      );
    },

    async rename(viewer: Viewer, input: { id: string; name: string }): Promise<SavedView> {
      const name = validateViewName(input.name);
      await ownView(viewer, input.id);
      return prisma.savedView.update({ where: { id: input.id }, data: { name } });
    },

    async delete(viewer: Viewer, id: string): Promise<void> {
      const { count } = await prisma.savedView.deleteMany({ where: { id, ownerId: viewer.id } });
      if (count === 0) throw new NotFoundError('Saved view');
    },
  };
}

export type SavedViewService = ReturnType<typeof createSavedViewService>;
