import { builder } from '../builder.ts';
import { requireViewer } from '../viewer.ts';

export const DepartmentRef = builder.prismaNode('Department', {
  id: { field: 'id' },
  // Select mode: only the columns a selection needs.
  select: { id: true },
  fields: (t) => ({
    name: t.exposeString('name'),
    isCreative: t.exposeBoolean('isCreative', { description: 'The Creative department gives the second approval and does the work.' }),
    members: t.relation('users', {
      description: 'Active, approved members of the department.',
      query: { where: { isActive: true, approvedAt: { not: null } }, orderBy: { displayName: 'asc' } },
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.queryField('departments', (t) =>
  t.prismaField({
    type: [DepartmentRef],
    description: 'Every department, by name. Public: the registration form needs it.',
    resolve: (query, _root, _args, ctx) => ctx.prisma.department.findMany({ ...query, orderBy: { name: 'asc' } }),
  }),
);

const CreateDepartmentInput = builder.inputType('CreateDepartmentInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    isCreative: t.boolean(),
  }),
});

const DepartmentPayload = builder.simpleObject('DepartmentPayload', {
  fields: (t) => ({ department: t.field({ type: DepartmentRef }) }),
});

builder.mutationField('createDepartment', (t) =>
  t.field({
    type: DepartmentPayload,
    args: { input: t.arg({ type: CreateDepartmentInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      department: await ctx.services.users.createDepartment(requireViewer(ctx), input),
    }),
  }),
);
