import { visibleTicketsWhere } from '../../services/ticket-visibility.ts';
import { builder } from '../builder.ts';

export const AttachmentRef = builder.prismaNode('Attachment', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, ctx) => ({ id, deletedAt: null, ticket: ctx.viewer ? visibleTicketsWhere(ctx.viewer) : { id: { in: [] } } }),
  fields: (t) => ({
    fileName: t.exposeString('fileName'),
    mimeType: t.exposeString('mimeType'),
    size: t.exposeInt('size', { description: 'Bytes.' }),
    url: t.string({ description: 'GET it with the same Authorization header.', select: { id: true }, resolve: (attachment) => `/files/${attachment.id}` }),
    uploader: t.relation('uploader'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});
