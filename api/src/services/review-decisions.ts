// Review decisions on the latest version of a file. A decision is appended (never edited) and announced as
// DECISION_RECORDED; the requester's decision on a COMPLETED ticket is also the revision request or the
// confirmation, run through the same pipeline steps (workflow table, conditional update) in the same
// transaction: the decision and its status change commit together or not at all. A decision on a ticket in
// any other state is recorded without a status change (the answer's ticket.status says so).
import type { PrismaClient, ReviewDecision } from '../db/generated/prisma/client.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../domain/errors.ts';
import {
  checkNote,
  checkVerdict,
  decisionChanges,
  isLatestVersion,
  isReviewer,
  OPEN_IN_REASON,
  REVIEWER_REFUSAL,
  revisionReason,
  workflowActionOf,
} from '../domain/review-decisions.ts';
import { canReadTicket } from '../domain/ticket-access.ts';
import type { Viewer } from '../domain/viewer.ts';
import type { ReviewVerdict } from '../domain/vocabulary.ts';
import { decide, refusalError } from '../domain/workflow.ts';
import { CONFIRM, REQUEST_REVISION } from './ticket-actions.ts';
import { announceIn, createTransactionRunner, type EffectsSink, recordHistoryEntry, recordTicketEvent, touchTicket } from './ticket-changes.ts';
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
        // The read rule first, without a lock: who cannot read the ticket must not be able to hold its row.
        const unlocked = await loadTicket(tx, { id: attachment.ticketId }, 'COMMENT', () => new NotFoundError('Attachment'));
        if (!canReadTicket(viewer, factsOf(unlocked))) throw new NotFoundError('Attachment');
        // Decisions on one ticket one at a time: each decides on the ticket as the one before left it, so of two
        // at once one is the workflow step and the other is recorded on the ticket that step made. The ticket is
        // read again under the lock (and the rules checked again: it may have changed while we waited).
        await tx.$executeRaw`SELECT 1 FROM "Ticket" WHERE "id" = ${attachment.ticketId}::uuid FOR UPDATE`;
        const ticket = await loadTicket(tx, { id: attachment.ticketId }, 'COMMENT', () => new NotFoundError('Attachment'));
        const facts = factsOf(ticket);
        if (!canReadTicket(viewer, facts)) throw new NotFoundError('Attachment');
        if (!isReviewer(viewer, facts)) throw new ForbiddenError(REVIEWER_REFUSAL);
        const latest = await tx.attachment.aggregate({
          where: { ticketId: attachment.ticketId, fileName: attachment.fileName, deletedAt: null },
          _max: { version: true },
        });
        if (!isLatestVersion(attachment, latest._max.version)) {
          throw new ConflictError(`${attachment.fileName} has a newer version (${latest._max.version}): decide on the latest version.`);
        }
        // The reason lists at most OPEN_IN_REASON annotations (it says "and N more" for the rest): only those are read.
        const where = { attachmentId: attachment.id, state: 'OPEN' } as const;
        const openCount = await tx.annotation.count({ where });
        const open = await tx.annotation.findMany({
          where,
          orderBy: { number: 'asc' },
          take: OPEN_IN_REASON,
          select: { number: true, page: true, comment: { select: { body: true } } },
        });
        checkVerdict(input.verdict, note, openCount);
        const openList = open.map((annotation) => ({ number: annotation.number, page: annotation.page, body: annotation.comment.body }));
        const unlisted = openCount - open.length;

        // The requester's decision on finished work is the workflow's own step, decided by its table. Changes
        // requested that the table refuses are refused with its reason (a decision recorded without the
        // revision it asks for would tell the requester the work goes back when it does not).
        const action = workflowActionOf(input.verdict, viewer, facts);
        const step = action ? decide(facts, action, viewer) : null;
        if (step && !step.ok && input.verdict === 'CHANGES_REQUESTED') throw refusalError(step);

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
        // The ticket's history tells the review too (before the workflow step it may lead to, which records its own).
        // Without that step the ticket row stays as it is but for its updatedAt: a decision is news about it.
        const now = new Date();
        const decided = action && step?.ok ? ticket : await touchTicket(tx, ticket, now);
        await recordHistoryEntry(tx, {
          viewer,
          before: decided,
          after: decided,
          action: 'DECISION_RECORDED',
          changes: decisionChanges(name, input.verdict, openCount),
          reason: note,
          now,
        });

        if (!action || !step?.ok) {
          // Changes asked for outside the workflow step (a manager, a collaborator, or before completion): the
          // people doing the work hear of it as of a revision request (the step itself announces its own).
          if (input.verdict === 'CHANGES_REQUESTED') {
            const reason = revisionReason(attachment, note, openList, unlisted);
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
                reason: revisionReason(attachment, note, openList, unlisted),
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
