// The admin-managed product catalogue that ADS and TELEGRAM_CHANNEL requests itemize.

import { isUniqueViolation } from '../db/errors.ts';
import type { Prisma, PrismaClient, Product, ProductCategory } from '../db/generated/prisma/client.ts';
import { BadInputError, ForbiddenError, NotFoundError } from '../domain/errors.ts';
import { isAdmin, type Viewer } from '../domain/viewer.ts';

function requireAdmin(viewer: Viewer): void {
  if (!isAdmin(viewer)) throw new ForbiddenError('Only admins manage products.');
}

function validName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 120) throw new BadInputError('name must be 1–120 characters.', 'name');
  return trimmed;
}

export function createProductService(prisma: PrismaClient) {
  async function save(write: () => Promise<Product>, name: string): Promise<Product> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error)) throw new BadInputError(`A product named "${name}" already exists.`, 'name');
      throw error;
    }
  }

  return {
    productsWhere(viewer: Viewer, filter: { category?: ProductCategory[] | null; includeInactive?: boolean | null } | null | undefined) {
      const where: Prisma.ProductWhereInput = {};
      // Retired products stay visible to admins only; requesters pick from what is offered.
      if (!(filter?.includeInactive && isAdmin(viewer))) where.isActive = true;
      if (filter?.category?.length) where.category = { in: filter.category };
      return where;
    },

    create(viewer: Viewer, input: { name: string; category?: ProductCategory | null }) {
      requireAdmin(viewer);
      const name = validName(input.name);
      return save(() => prisma.product.create({ data: { name, category: input.category ?? 'GENERAL' } }), name);
    },

    async update(viewer: Viewer, input: { id: string; name?: string | null; category?: ProductCategory | null; isActive?: boolean | null }) {
      requireAdmin(viewer);
      if (!(await prisma.product.findUnique({ where: { id: input.id } }))) throw new NotFoundError('Product');
      const name = input.name != null ? validName(input.name) : undefined;
      return save(
        () =>
          prisma.product.update({
            where: { id: input.id },
            data: {
              ...(name !== undefined ? { name } : {}),
              ...(input.category != null ? { category: input.category } : {}),
              ...(input.isActive != null ? { isActive: input.isActive } : {}),
            },
          }),
        name ?? '',
      );
    },
  };
}

export type ProductService = ReturnType<typeof createProductService>;
