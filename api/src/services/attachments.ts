// Attachments: validated before anything is kept, stored by content, recorded through the ticket pipeline.
// Upload order: the name, the size and the type (from the bytes) are checked, then whether the viewer may
// attach at all, then the uploader's and the ticket's byte quotas; only then are the bytes stored (under their SHA-256), and the row commits with its history
// entry, event and notifications. If the commit fails, bytes that no row refers to are removed again.
import { createHash } from 'node:crypto';
import type { FileLinkSigner, LinkSession } from '../auth/file-links.ts';
import { isUniqueViolation } from '../db/errors.ts';
import type { Attachment, PrismaClient } from '../db/generated/prisma/client.ts';
import { ACCEPTED_TYPES, type AllowedType, decideType, displayFileName, sizeInWords, tooLargeMessage } from '../domain/attachments.ts';
import { BadInputError, NotFoundError, QuotaExceededError } from '../domain/errors.ts';
import { canReadTicket } from '../domain/ticket-access.ts';
import { type Viewer, viewerOf } from '../domain/viewer.ts';
import type { BlobStore, ByteRange } from '../storage/index.ts';
import { createPreviews } from './previews.ts';
import { ATTACH, lockContent, REMOVE_ATTACHMENT } from './ticket-actions.ts';
import type { EffectsSink } from './ticket-changes.ts';
import { createTicketPipeline } from './ticket-pipeline.ts';
import { FACTS_SELECTION, factsOf } from './ticket-rows.ts';

/** What a multipart upload hands over: Yoga's File (a WHATWG File). */
export type UploadedFile = { name: string; size: number; arrayBuffer(): Promise<ArrayBuffer> };

/** Attachment bytes one user may upload per rolling day, and one ticket may hold; 0 turns a quota off. */
export type UploadQuota = { bytesPerUserPerDay: number; bytesPerTicket: number };

export type AttachmentDeps = {
  prisma: PrismaClient;
  sink: EffectsSink;
  store: BlobStore;
  maxBytes: number;
  links: FileLinkSigner;
  quota: UploadQuota;
};

/** Same-name uploads racing for one version number: the loser takes the next one. */
const VERSION_ATTEMPTS = 3;

/** The file sniffers load with the first upload, not with the app (start-up time). */
const sniffers = () => Promise.all([import('file-type'), import('image-size')]).then(([fileType, image]) => ({ ...fileType, ...image }));

function pixelSize(
  imageSize: (bytes: Uint8Array) => { width?: number; height?: number },
  bytes: Uint8Array,
  type: AllowedType,
): { width: number | null; height: number | null } {
  if (!type.image) return { width: null, height: null };
  try {
    const { width, height } = imageSize(bytes);
    return { width: width ?? null, height: height ?? null };
  } catch {
    throw new BadInputError(`The file looks like ${type.label} but cannot be read as an image.`, 'file');
  }
}

export function createAttachmentService({ prisma, sink, store, maxBytes, links, quota }: AttachmentDeps) {
  const pipeline = createTicketPipeline(prisma, sink);
  const previews = createPreviews(store, {
    // Every row of the content: none of them gets a preview link any more (Attachment.previewUrl, Ticket.thumbnail).
    onFailed: async (storageKey) => {
      await prisma.attachment.updateMany({ where: { storageKey, previewFailed: false }, data: { previewFailed: true } });
    },
  });

  /**
   * Refuses an upload that would pass a quota, from the sizes of the rows already recorded (deleted ones too:
   * their bytes stay for the history). Two uploads at the same instant may both pass; the quota bounds
   * sustained use, not one burst.
   */
  async function assertWithinQuota(uploaderId: string, ticketId: string, size: number): Promise<void> {
    const since = new Date(Date.now() - 86_400_000);
    const [byUser, byTicket] = await Promise.all([
      quota.bytesPerUserPerDay > 0 ? prisma.attachment.aggregate({ _sum: { size: true }, where: { uploaderId, createdAt: { gte: since } } }) : null,
      quota.bytesPerTicket > 0 ? prisma.attachment.aggregate({ _sum: { size: true }, where: { ticketId } }) : null,
    ]);
    const usedByUser = byUser?._sum.size ?? 0;
    if (byUser && usedByUser + size > quota.bytesPerUserPerDay) {
      const message = `You have uploaded ${usedByUser} of your ${quota.bytesPerUserPerDay} bytes for the last 24 hours; this file (${size} bytes) does not fit.`;
      throw new QuotaExceededError('uploadBytesPerUserPerDay', quota.bytesPerUserPerDay, usedByUser, message);
    }
    const usedByTicket = byTicket?._sum.size ?? 0;
    if (byTicket && usedByTicket + size > quota.bytesPerTicket) {
      const message = `This ticket holds ${usedByTicket} of its ${quota.bytesPerTicket} bytes of attachments; this file (${size} bytes) does not fit.`;
      throw new QuotaExceededError('uploadBytesPerTicket', quota.bytesPerTicket, usedByTicket, message);
    }
  }

  /** Removes stored bytes that no attachment row refers to (under the content's lock, see ATTACH). */
  async function release(keys: readonly string[]): Promise<void> {
    for (const key of new Set(keys)) {
      await prisma.$transaction(async (tx) => {
        await lockContent(tx, key);
        if ((await tx.attachment.count({ where: { storageKey: key } })) === 0) {
          await previews.release(key);
          await store.delete(key);
        }
      });
    }
  }

  return {
    release,

    /** What may be attached, for clients to check a file before sending it: the same limit and list as upload. */
    rules() {
      return {
        maxBytes,
        maxSize: sizeInWords(maxBytes),
        accepted: ACCEPTED_TYPES.map((type) => ({ label: type.label, extensions: type.extensions })),
      };
    },

    /** The token of a short-lived download link to the attachment for this sign-in session (Attachment.url). */
    signLink: (attachmentId: string, session: LinkSession) => links.sign(attachmentId, session),

    /**
     * Who a download link was made for, when it is a valid, unexpired link to this attachment, they are still
     * active and the session it was made in is still alive (its refresh-token family not revoked, or the API
     * token it was made with neither revoked nor expired).
     */
    async viewerOfLink(token: string, attachmentId: string): Promise<Viewer | null> {
      const session = await links.verify(token, attachmentId);
      if (!session) return null;
      const user = await prisma.user.findFirst({
        where: {
          id: session.userId,
          isActive: true,
          approvedAt: { not: null },
          OR: [
            { refreshTokens: { some: { familyId: session.sessionId, revokedAt: null } } },
            { apiTokens: { some: { id: session.sessionId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] } } },
          ],
        },
        select: { id: true, username: true, role: true, departmentId: true, department: { select: { isCreative: true } } },
      });
      return user ? viewerOf(user) : null;
    },

    async upload(viewer: Viewer, input: { ticketId: string; file: UploadedFile }): Promise<Attachment> {
      const fileName = displayFileName(input.file.name);
      // The HTTP layer refused larger bodies while they streamed; this holds for any other caller.
      if (input.file.size > maxBytes) throw new BadInputError(tooLargeMessage(maxBytes), 'file');
      const bytes = new Uint8Array(await input.file.arrayBuffer());
      const { fileTypeFromBuffer, imageSize } = await sniffers();
      const type = decideType((await fileTypeFromBuffer(bytes))?.mime, bytes, fileName);
      const { width, height } = pixelSize(imageSize, bytes, type);
      await pipeline.check(ATTACH, viewer, { id: input.ticketId });
      // After the permission check (a quota says nothing to who may not attach), before any byte is stored.
      await assertWithinQuota(viewer.id, input.ticketId, bytes.byteLength);

      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const ensureStored = async () => {
        if (!(await store.has(sha256))) await store.put(sha256, bytes, type.mime);
      };
      await store.put(sha256, bytes, type.mime);
      try {
        for (let attempt = 1; ; attempt += 1) {
          try {
            const { attachments } = await pipeline.run(ATTACH, viewer, {
              id: input.ticketId,
              fileName,
              mimeType: type.mime,
              size: bytes.byteLength,
              sha256,
              width,
              height,
              ensureStored,
            });
            const [attachment] = attachments;
            if (!attachment) throw new Error('The ATTACH plan writes its attachment.');
            // In the request, so previewUrl works at once; waiting at most a second (then it goes on in the background)
            // and never failing the upload.
            await previews.afterUpload(attachment, bytes);
            return attachment;
          } catch (error) {
            if (!isUniqueViolation(error) || attempt >= VERSION_ATTEMPTS) throw error;
          }
        }
      } catch (error) {
        await release([sha256]);
        throw error;
      }
    },

    /** A soft delete: the attachment leaves the ticket's list, its row and bytes stay for the history. */
    async remove(viewer: Viewer, input: { id: string }): Promise<Attachment> {
      const row = await prisma.attachment.findUnique({ where: { id: input.id }, select: { ticketId: true } });
      if (!row) throw new NotFoundError('Attachment');
      const { attachments } = await pipeline.run(REMOVE_ATTACHMENT, viewer, { id: row.ticketId, attachmentId: input.id });
      const [attachment] = attachments;
      if (!attachment) throw new Error('The REMOVE_ATTACHMENT plan names its attachment.');
      return attachment;
    },

    /**
     * The attachment and a stream of its bytes (or of a range of them) for a viewer who may read its ticket;
     * null for everyone else and for what does not exist (the caller answers 404 either way).
     */
    async open(viewer: Viewer, id: string, range?: (size: number) => ByteRange | undefined) {
      const attachment = await prisma.attachment.findFirst({
        where: { id, deletedAt: null, ticket: { deletedAt: null } },
        include: { ticket: { select: FACTS_SELECTION } },
      });
      if (!attachment || !canReadTicket(viewer, factsOf(attachment.ticket))) return null;
      const wanted = range?.(attachment.size);
      const body = await store.get(attachment.storageKey, wanted);
      if (!body) throw new Error(`The bytes of attachment ${attachment.id} are missing from the store.`);
      return { attachment, body, range: wanted };
    },

    /**
     * The attachment and its preview (WebP bytes) for a viewer who may read its ticket; null for everyone else,
     * for what does not exist and for a file no preview can be made of (the caller answers 404 in every case).
     */
    async openPreview(viewer: Viewer, id: string) {
      const attachment = await prisma.attachment.findFirst({
        where: { id, deletedAt: null, ticket: { deletedAt: null } },
        include: { ticket: { select: FACTS_SELECTION } },
      });
      if (!attachment || !canReadTicket(viewer, factsOf(attachment.ticket))) return null;
      const preview = await previews.read(attachment);
      return preview && { attachment, preview };
    },
  };
}

export type AttachmentService = ReturnType<typeof createAttachmentService>;
