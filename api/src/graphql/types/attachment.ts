import { encodeGlobalID } from '@pothos/plugin-relay';
import { canRemoveAttachment } from '../../domain/attachments.ts';
import { UnauthenticatedError } from '../../domain/errors.ts';
import { decide } from '../../domain/workflow.ts';
import { canPreview, previewPath } from '../../services/previews.ts';
import { FACTS_SELECTION, factsOf } from '../../services/ticket-rows.ts';
import { visibleTicketsWhere } from '../../services/ticket-visibility.ts';
import { builder } from '../builder.ts';
import { requireViewer } from '../viewer.ts';
import { TicketRef } from './ticket.ts';

export const AttachmentRef = builder.prismaNode('Attachment', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, ctx) => ({ id, deletedAt: null, ticket: ctx.viewer ? visibleTicketsWhere(ctx.viewer) : { id: { in: [] } } }),
  fields: (t) => ({
    fileName: t.exposeString('fileName', { description: 'The name it was uploaded with: for display only.' }),
    mimeType: t.exposeString('mimeType', { description: 'Decided from the content when it was uploaded, not from its name.' }),
    size: t.exposeInt('size', { description: 'Bytes.' }),
    version: t.exposeInt('version', { description: 'Uploads of the same name to the same ticket count up: 1, 2, 3, …' }),
    width: t.exposeInt('width', { nullable: true, description: 'Pixels, for images.' }),
    height: t.exposeInt('height', { nullable: true, description: 'Pixels, for images.' }),
    url: t.string({
      description:
        'GET it to download. Carries a signed token valid for about 15 minutes for this viewer and sign-in session ' +
        '(so <img src> works; ending the session ends the link); without the token, send the Authorization header.',
      select: { id: true },
      resolve: async (attachment, _args, ctx) => {
        const viewer = requireViewer(ctx);
        if (!ctx.viewerSessionId) throw new UnauthenticatedError();
        const token = await ctx.services.attachments.signLink(attachment.id, { userId: viewer.id, sessionId: ctx.viewerSessionId });
        return `/files/${attachment.id}?token=${token}`;
      },
    }),
    previewUrl: t.string({
      nullable: true,
      description:
        'A small WebP preview (inside 480 × 480 px) of an image (PNG, JPEG, GIF, WebP), on the same terms as url; null for ' +
        'other files, images too large to decode and images no preview could be made of. PDFs have none (README "Attachments").',
      select: { id: true, mimeType: true, width: true, height: true, previewFailed: true },
      resolve: async (attachment, _args, ctx) => {
        if (attachment.previewFailed || !canPreview(attachment.mimeType, attachment)) return null;
        const viewer = requireViewer(ctx);
        if (!ctx.viewerSessionId) throw new UnauthenticatedError();
        const token = await ctx.services.attachments.signLink(attachment.id, { userId: viewer.id, sessionId: ctx.viewerSessionId });
        return previewPath(attachment.id, token);
      },
    }),
    uploader: t.relation('uploader'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    viewerCanDelete: t.boolean({
      description: 'Whether deleteAttachment would accept it from the viewer now.',
      select: { uploaderId: true, ticket: { select: FACTS_SELECTION } },
      resolve: (attachment, _args, ctx) => {
        if (!ctx.viewer) return false;
        const ticket = factsOf(attachment.ticket);
        return decide(ticket, 'REMOVE_ATTACHMENT', ctx.viewer).ok && canRemoveAttachment(ctx.viewer, ticket, attachment.uploaderId);
      },
    }),
  }),
});

const AcceptedFileType = builder.simpleObject('AcceptedFileType', {
  description: 'One kind of file an upload may be.',
  fields: (t) => ({
    label: t.string({ description: 'As people name it: "PNG", "DOCX", "plain text".' }),
    extensions: t.stringList({ description: 'Usual file-name endings, lower case without the dot. The server decides from the content.' }),
  }),
});

const AttachmentRules = builder.simpleObject('AttachmentRules', {
  description: 'What uploadAttachment accepts, so a client can say no before sending a byte; the server applies the same rules.',
  fields: (t) => ({
    maxBytes: t.int({ description: 'The largest file, in bytes (UPLOAD_MAX_BYTES).' }),
    maxSize: t.string({ description: 'The same in words, e.g. "10 MB".' }),
    accepted: t.field({ type: [AcceptedFileType] }),
  }),
});

builder.queryField('attachmentRules', (t) =>
  t.field({
    type: AttachmentRules,
    description: 'The upload size limit and the kinds of file accepted.',
    resolve: (_root, _args, ctx) => ctx.services.attachments.rules(),
  }),
);

const UploadAttachmentInput = builder.inputType('UploadAttachmentInput', {
  fields: (t) => ({
    ticketId: t.globalID({ for: TicketRef, required: true }),
    file: t.field({
      type: 'File',
      required: true,
      description: 'Sent as a GraphQL multipart request; the kinds and the size limit are in Query.attachmentRules.',
    }),
  }),
});

const AttachmentPayload = builder.simpleObject('AttachmentPayload', {
  fields: (t) => ({ attachment: t.field({ type: AttachmentRef, nullable: false }) }),
});

builder.mutationField('uploadAttachment', (t) =>
  t.field({
    type: AttachmentPayload,
    description: 'Needs the x-graphql-yoga-csrf header (any value), like every multipart request.',
    args: { input: t.arg({ type: UploadAttachmentInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      attachment: await ctx.services.attachments.upload(requireViewer(ctx), { ticketId: input.ticketId.id, file: input.file }),
    }),
  }),
);

const DeleteAttachmentInput = builder.inputType('DeleteAttachmentInput', {
  fields: (t) => ({ id: t.globalID({ for: AttachmentRef, required: true }) }),
});

const DeleteAttachmentPayload = builder.simpleObject('DeleteAttachmentPayload', {
  fields: (t) => ({ deletedAttachmentId: t.id() }),
});

builder.mutationField('deleteAttachment', (t) =>
  t.field({
    type: DeleteAttachmentPayload,
    description: 'Removes it from the ticket (earlier and later versions stay); the history keeps the record.',
    args: { input: t.arg({ type: DeleteAttachmentInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const removed = await ctx.services.attachments.remove(requireViewer(ctx), { id: input.id.id });
      return { deletedAttachmentId: encodeGlobalID('Attachment', removed.id) };
    },
  }),
);
