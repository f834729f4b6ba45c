// Proofing annotations. An annotation is a comment thread: addAnnotation is the COMMENT action of the ticket
// pipeline (so mentions, notifications, Telegram and the activity log are a comment's), whose plan also writes
// the Annotation row beside the root comment and announces ANNOTATION_ADDED. Resolving and reopening change
// the annotation alone: a conditional update in the same commit-and-announce path as every ticket change.
import type { Annotation, PrismaClient } from '../db/generated/prisma/client.ts';
import {
  ANNOTATION_STATE_REFUSAL,
  type AnnotationFigure,
  annotationLabel,
  type CheckedFigure,
  canChangeAnnotationState,
  checkAnnotationRoom,
  checkFigure,
} from '../domain/annotations.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../domain/errors.ts';
import { canReadTicket } from '../domain/ticket-access.ts';
import type { Viewer } from '../domain/viewer.ts';
import type { AnnotationState, TicketEventType } from '../domain/vocabulary.ts';
import { commentBody } from './comments.ts';
import type { Tx } from './notifications.ts';
import { COMMENT, type CommentInput } from './ticket-actions.ts';
import { createTransactionRunner, type EffectsSink, recordHistoryEntry, recordTicketEvent, touchTicket } from './ticket-changes.ts';
import { type ActionSpec, createTicketPipeline, loadTicket } from './ticket-pipeline.ts';
import { factsOf } from './ticket-rows.ts';

export type AddAnnotationInput = AnnotationFigure & { attachmentId: string; body: string };

type AnnotatedAttachment = { id: string; ticketId: string; fileName: string; version: number; mimeType: string; deletedAt: Date | null };

const ATTACHMENT_SELECT = { id: true, ticketId: true, fileName: true, version: true, mimeType: true, deletedAt: true } as const;

type AnnotateInput = CommentInput & { attachmentId: string; figure: AnnotationFigure };
type CommentFacts = Parameters<typeof COMMENT.plan>[0]['facts'];
type AnnotateFacts = { comment: CommentFacts; attachment: AnnotatedAttachment | null; number: number; count: number };

/** Serializes the numbering of one attachment's annotations (two pins at once get #4 and #5, not two #4s). */
async function lockNumbering(tx: Tx, attachmentId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`annotation:${attachmentId}`}, 0))`;
}

/** The COMMENT action with an annotation: the comment's facts and plan, plus the file, the figure and the number. */
const ANNOTATE: ActionSpec<AnnotateInput, AnnotateFacts> = {
  action: 'COMMENT',
  hiddenFromNonReaders: true,
  async facts(tx, at) {
    const attachment = await tx.attachment.findUnique({ where: { id: at.input.attachmentId }, select: ATTACHMENT_SELECT });
    if (attachment) await lockNumbering(tx, attachment.id);
    // Counted under the numbering lock: two additions at once cannot both see room for one more.
    const last = attachment ? await tx.annotation.aggregate({ where: { attachmentId: attachment.id }, _max: { number: true }, _count: true }) : null;
    return { comment: await COMMENT.facts(tx, at), attachment, number: (last?._max.number ?? 0) + 1, count: last?._count ?? 0 };
  },
  plan(at) {
    const { viewer, before, input, facts } = at;
    const { attachment } = facts;
    if (!attachment || attachment.ticketId !== before.id || attachment.deletedAt) throw new NotFoundError('Attachment');
    checkAnnotationRoom(facts.count);
    const figure: CheckedFigure = checkFigure(input.figure, { mimeType: attachment.mimeType });
    const comment = COMMENT.plan({ ...at, facts: facts.comment });
    const label = annotationLabel(attachment, { number: facts.number, page: figure.page });
    return {
      ...comment,
      event: 'ANNOTATION_ADDED',
      touch: true,
      writes: (comment.writes ?? []).map((write) =>
        write.kind === 'comment' ? { ...write, annotation: { attachmentId: attachment.id, number: facts.number, ...figure } } : write,
      ),
      summary: () => `${viewer.username} annotated ${label} on #${before.number}`,
      // The comment's notices, saying where: "New comment on #12: logo.png v2, #3".
      announcements: (after) => (comment.announcements?.(after) ?? []).map((notice) => ({ ...notice, title: `${notice.title}: ${label}` })),
    };
  },
};

const ANNOTATION_WITH_CONTEXT = {
  comment: { select: { authorId: true } },
  attachment: { select: ATTACHMENT_SELECT },
} as const;

export function createAnnotationService({ prisma, sink }: { prisma: PrismaClient; sink: EffectsSink }) {
  const pipeline = createTicketPipeline(prisma, sink);
  const inTransaction = createTransactionRunner(prisma, sink);

  /** Resolves or reopens: a conditional update from the other state, so of two at once one wins, the other CONFLICT. */
  async function changeState(viewer: Viewer, id: string, to: AnnotationState): Promise<Annotation> {
    const from: AnnotationState = to === 'RESOLVED' ? 'OPEN' : 'RESOLVED';
    const event: TicketEventType = to === 'RESOLVED' ? 'ANNOTATION_RESOLVED' : 'ANNOTATION_REOPENED';
    return inTransaction(async (tx, effects) => {
      const annotation = await tx.annotation.findUnique({ where: { id }, include: ANNOTATION_WITH_CONTEXT });
      if (!annotation || annotation.attachment.deletedAt) throw new NotFoundError('Annotation');
      // Trashed tickets and tickets the viewer may not read: their annotations do not exist for them.
      const ticket = await loadTicket(tx, { id: annotation.attachment.ticketId }, 'COMMENT', () => new NotFoundError('Annotation'));
      const facts = factsOf(ticket);
      if (!canReadTicket(viewer, facts)) throw new NotFoundError('Annotation');
      if (!canChangeAnnotationState(viewer, facts, annotation.comment.authorId)) throw new ForbiddenError(ANNOTATION_STATE_REFUSAL);
      const now = new Date();
      const changed = await tx.annotation.updateMany({
        where: { id, state: from },
        data: to === 'RESOLVED' ? { state: to, resolvedById: viewer.id, resolvedAt: now } : { state: to, resolvedById: null, resolvedAt: null },
      });
      if (changed.count !== 1) {
        throw new ConflictError(
          to === 'RESOLVED' ? 'The annotation is resolved already; reload to see it.' : 'The annotation is open already; reload to see it.',
        );
      }
      const label = annotationLabel(annotation.attachment, annotation);
      await recordTicketEvent(tx, effects, {
        viewer,
        ticket,
        action: to === 'RESOLVED' ? 'RESOLVE_ANNOTATION' : 'REOPEN_ANNOTATION',
        type: event,
        summary: `${viewer.username} ${to === 'RESOLVED' ? 'resolved' : 'reopened'} ${label} on #${ticket.number}`,
        metadata: { number: ticket.number, annotationId: id, attachmentId: annotation.attachmentId, commentId: annotation.commentId },
      });
      // The ticket's history says so too, and its updatedAt moves (its row otherwise stays as it is).
      const touched = await touchTicket(tx, ticket, now);
      await recordHistoryEntry(tx, {
        viewer,
        before: touched,
        after: touched,
        action: to === 'RESOLVED' ? 'ANNOTATION_RESOLVED' : 'ANNOTATION_REOPENED',
        changes: [{ field: 'annotation', from: null, to: label }],
        reason: null,
        now,
      });
      return tx.annotation.findUniqueOrThrow({ where: { id } });
    });
  }

  return {
    async add(viewer: Viewer, input: AddAnnotationInput): Promise<Annotation> {
      const body = commentBody(input.body);
      // The ticket is the attachment's; the pipeline loads it (trash, read rule) and the plan checks the file again.
      const attachment = await prisma.attachment.findUnique({ where: { id: input.attachmentId }, select: ATTACHMENT_SELECT });
      if (!attachment || attachment.deletedAt) throw new NotFoundError('Attachment');
      const { attachmentId, body: _body, ...figure } = input;
      const { annotations } = await pipeline
        .run(ANNOTATE, viewer, { id: attachment.ticketId, body, parentId: null, attachmentId, figure })
        .catch((error: unknown) => {
          // The ticket was reached through the file: a ticket the viewer may not read (or trashed) answers as a
          // file that does not exist, the same answer as a made-up id (no telling the two apart).
          throw error instanceof NotFoundError && error.message === new NotFoundError('Ticket').message ? new NotFoundError('Attachment') : error;
        });
      const [annotation] = annotations;
      if (!annotation) throw new Error('The annotation plan writes its annotation.');
      return annotation;
    },
    resolve: (viewer: Viewer, id: string) => changeState(viewer, id, 'RESOLVED'),
    reopen: (viewer: Viewer, id: string) => changeState(viewer, id, 'OPEN'),
  };
}

export type AnnotationService = ReturnType<typeof createAnnotationService>;
