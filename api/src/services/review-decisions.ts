// Review decisions on the latest version of a file. A decision is appended (never edited) and announced as
// DECISION_RECORDED; the requester's decision on a COMPLETED ticket is also the revision request or the
// confirmation, run through the same pipeline steps (workflow table, conditional update) in the same
// transaction: the decision and its status change commit together or not at all. A decision on a ticket in
// any other state is recorded without a status change (the answer's ticket.status says so).
import type { PrismaClient, ReviewDecision } from '../db/generated/prisma/client.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../domain/errors.ts';
import { checkNote, checkVerdict, isReviewer, REVIEWER_REFUSAL, revisionReason, workflowActionOf } from '../domain/review-decisions.ts';
import { canReadTicket } from '../domain/ticket-access.ts';
import type { Viewer } from '../domain/viewer.ts';
import type { ReviewVerdict } from '../domain/vocabulary.ts';
import { decide } from '../domain/workflow.ts';
import { CONFIRM, REQUEST_REVISION } from './ticket-actions.ts';
import { announceIn, createTransactionRunner, type EffectsSink, recordTicketEvent } from './ticket-changes.ts';
import { loadTicket, runAction } from './ticket-pipeline.ts';
import { factsOf, type TicketRow } from './ticket-rows.ts';

export type RecordDecisionInput = { attachmentId: string; verdict: ReviewVerdict; note?: string | null };

const VERDICT_WORDS: Record<ReviewVerdict, string> = { APPROVED: 'approved', CHANGES_REQUESTED: 'requested changes on' };

export function createReviewDecisionService({ prisma, sink }: { prisma: PrismaClient; sink: EffectsSink }) {
  const inTransaction = createTransactionRunner(prisma, sink);

  return {
    async record(viewer: Viewer, input: RecordDecisionInput): Promise<{ decision: ReviewDecision; ticket: TicketRow }> {
      const note = checkNote(input.note);
      return inTransaction(async (tx, effects) => {
        const attachment = await tx.attachment.findUnique({
          where: { id: input.attachmentId },
          select: { id: true, ticketId: true, fileName: true, version: true, deletedAt: true },
        });
        if (!attachment || attachment.deletedAt) throw new NotFoundError('Attachment');
        // Decisions on one ticket one at a time: each decides on the ticket as the one before left it, so of two
        // at once one is the workflow step and the other is recorded on the ticket that step made.
        await tx.$executeRaw`SELECT 1 FROM "Ticket" WHERE "id" = ${attachment.ticketId}::uuid FOR UPDATE`;
        const ticket = await loadTicket(tx, { id: attachment.ticketId }, 'COMMENT', () => new NotFoundError('Attachment'));
        const facts = factsOf(ticket);
        if (!canReadTicket(viewer, facts)) throw new NotFoundError('Attachment');
        if (!isReviewer(viewer, facts)) throw new ForbiddenError(REVIEWER_REFUSAL);
        const latest = await tx.attachment.aggregate({
          where: { ticketId: attachment.ticketId, fileName: attachment.fileName, deletedAt: null },
          _max: { version: true },
        });
        if ((latest._max.version ?? attachment.version) > attachment.version) {
          throw new ConflictError(`${attachment.fileName} has a newer version (${latest._max.version}): decide on the latest version.`);
        }
        const open = await tx.annotation.findMany({
          where: { attachmentId: attachment.id, state: 'OPEN' },
          orderBy: { number: 'asc' },
          select: { number: true, page: true, comment: { select: { body: true } } },
        });
        checkVerdict(input.verdict, note, open.length);
        const openList = open.map((annotation) => ({ number: annotation.number, page: annotation.page, body: annotation.comment.body }));

        const decision = await tx.reviewDecision.create({
          data: { ticketId: ticket.id, attachmentId: attachment.id, reviewerId: viewer.id, verdict: input.verdict, note },
        });
        const name = attachment.version > 1 ? `${attachment.fileName} v${attachment.version}` : attachment.fileName;
        await recordTicketEvent(tx, effects, {
          viewer,
          ticket,
          action: 'RECORD_DECISION',
          type: 'DECISION_RECORDED',
          summary: `${viewer.username} ${VERDICT_WORDS[input.verdict]} ${name} on #${ticket.number}`,
          metadata: { number: ticket.number, decisionId: decision.id, attachmentId: attachment.id, verdict: input.verdict },
        });

        // The requester's decision on finished work is the workflow's own step, decided by its table.
        const action = workflowActionOf(input.verdict, viewer, facts);
        if (!action || !decide(facts, action, viewer).ok) {
          // Changes asked for outside the workflow step (a manager, a collaborator, or before completion): the
          // people doing the work hear of it as of a revision request (the step itself announces its own).
          if (input.verdict === 'CHANGES_REQUESTED') {
            const reason = revisionReason(attachment, note, openList);
            await announceIn(tx, effects, {
              kind: 'REVISION_REQUESTED',
              actorId: viewer.id,
              ticket: { id: ticket.id, number: ticket.number, title: ticket.title },
              recipientIds: [ticket.assigneeId, ...facts.collaboratorIds].filter((id): id is string => id !== null),
              title: `Changes requested on ${name} of #${ticket.number}`,
              body: reason,
            });
          }
          return { decision, ticket };
        }
        const committed =
          action === 'REQUEST_REVISION'
            ? await runAction(tx, effects, REQUEST_REVISION, viewer, {
                id: ticket.id,
                reason: revisionReason(attachment, note, openList),
              })
            : await runAction(tx, effects, CONFIRM, viewer, { id: ticket.id });
        return { decision, ticket: committed.ticket };
      });
    },

    /**
     * Ticket.reviewDecisions: for each file name, its latest live version; on it, each reviewer's latest
     * decision. Oldest first.
     */
    async latestForTicket(ticketId: string): Promise<ReviewDecision[]> {
      const files = await prisma.attachment.findMany({
        where: { ticketId, deletedAt: null },
        select: { id: true, fileName: true, version: true },
      });
      const latestOf = new Map<string, { id: string; version: number }>();
      for (const file of files) {
        const seen = latestOf.get(file.fileName);
        if (!seen || seen.version < file.version) latestOf.set(file.fileName, file);
      }
      if (latestOf.size === 0) return [];
      const decisions = await prisma.reviewDecision.findMany({
        where: { ticketId, attachmentId: { in: [...latestOf.values()].map((file) => file.id) } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      });
      const latest = new Map<string, ReviewDecision>();
      for (const decision of decisions) {
        const key = `${decision.attachmentId}:${decision.reviewerId}`;
        if (!latest.has(key)) latest.set(key, decision);
      }
      return [...latest.values()].reverse();
    },
  };
}

export type ReviewDecisionService = ReturnType<typeof createReviewDecisionService>;
