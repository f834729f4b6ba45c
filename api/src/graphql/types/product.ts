import { builder } from '../builder.ts';
import { requireViewer } from '../viewer.ts';
import { ProductCategoryEnum } from './enums.ts';

export const ProductRef = builder.prismaNode('Product', {
  id: { field: 'id' },
  fields: (t) => ({
    name: t.exposeString('name'),
    category: t.expose('category', { type: ProductCategoryEnum }),
    isActive: t.exposeBoolean('isActive'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const ProductFilter = builder.inputType('ProductFilter', {
  fields: (t) => ({
    category: t.field({ type: [ProductCategoryEnum] }),
    includeInactive: t.boolean({ description: 'Admins only: include retired products.' }),
  }),
});

builder.queryField('products', (t) =>
  t.prismaField({
    type: [ProductRef],
    description: 'The product catalogue for ADS and TELEGRAM_CHANNEL requests, by name.',
    args: { filter: t.arg({ type: ProductFilter }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.product.findMany({ ...query, where: ctx.services.products.productsWhere(requireViewer(ctx), args.filter), orderBy: { name: 'asc' } }),
  }),
);

const ProductPayload = builder.simpleObject('ProductPayload', {
  fields: (t) => ({ product: t.field({ type: ProductRef }) }),
});

const CreateProductInput = builder.inputType('CreateProductInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    category: t.field({ type: ProductCategoryEnum }),
  }),
});

builder.mutationField('createProduct', (t) =>
  t.field({
    type: ProductPayload,
    args: { input: t.arg({ type: CreateProductInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({ product: await ctx.services.products.create(requireViewer(ctx), input) }),
  }),
);

const UpdateProductInput = builder.inputType('UpdateProductInput', {
  fields: (t) => ({
    id: t.globalID({ for: ProductRef, required: true }),
    name: t.string(),
    category: t.field({ type: ProductCategoryEnum }),
    isActive: t.boolean({ description: 'false retires the product: existing requests keep it, new ones cannot pick it.' }),
  }),
});

builder.mutationField('updateProduct', (t) =>
  t.field({
    type: ProductPayload,
    args: { input: t.arg({ type: UpdateProductInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      product: await ctx.services.products.update(requireViewer(ctx), { ...input, id: input.id.id }),
    }),
  }),
);
