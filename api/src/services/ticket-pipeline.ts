// One pipeline for every ticket change: load the row (existence, the trash rule, the expected version) →
// decide (the workflow table, as a result) → load the facts the action's plan needs → plan (pure: field
// changes, extra rows, the announcement) → commit (ticket-changes.ts) → publish once the transaction
// committed. An action is a table row in domain/workflow.ts and one ActionSpec (ticket-actions.ts).
import type { PrismaClient } from '../db/generated/prisma/client.ts';
import { ConflictError, type DomainError, NotFoundError } from '../domain/errors.ts';
import { canReadTicket } from '../domain/ticket-access.ts';
import type { Viewer } from '../domain/viewer.ts';
import { actsInTrash, type Creation, decide, decideCreation, refusalError, type TicketAction, type Transition } from '../domain/workflow.ts';
import type { Tx } from './notifications.ts';
import { type Committed, type CommittedEffects, commitChange, createTransactionRunner, type EffectsSink, type Plan } from './ticket-changes.ts';
import { factsOf, TICKET_WITH_COLLABORATORS, type TicketRow } from './ticket-rows.ts';

/** Which ticket an action is on, and the version the caller last saw (stale writes are refused). */
export type TicketTarget = { id: string; expectedVersion?: number | null };

export type PlanInput<I, F> = { viewer: Viewer; before: TicketRow; input: I; transition: Transition; facts: F; now: Date };

/** Reads what the plan needs from the database; the plan itself does no IO. */
export type FactsLoader<I, F> = (tx: Tx, at: { viewer: Viewer; before: TicketRow; input: I; transition: Transition }) => Promise<F>;

export type ActionSpec<I, F = undefined> = {
  action: TicketAction;
  /** The refusal when the ticket is on the other side of the trash than the action (default: it is not there). */
  wrongSideOfTrash?: () => DomainError;
  /** Whoever may not read the ticket learns nothing about it, not even that it exists: NOT_FOUND, not FORBIDDEN. */
  hiddenFromNonReaders?: boolean;
  /**
   * What the caller meant, checked against the loaded ticket before the workflow decides (which approval step):
   * a message makes the request a CONFLICT, as a stale expectedVersion does.
   */
  conflict?: (at: { viewer: Viewer; before: TicketRow; input: I }) => string | null;
  plan: (at: PlanInput<I, F>) => Plan;
  // A plan that needs facts must say how they are loaded; one that needs none has none.
} & (undefined extends F ? { facts?: FactsLoader<I, F> } : { facts: FactsLoader<I, F> });

export type CreationPlanInput<I, F> = { viewer: Viewer; input: I; creation: Creation; facts: F; now: Date };

export type CreationSpec<I, F> = {
  facts: (tx: Tx, at: { viewer: Viewer; input: I; creation: Creation }) => Promise<F>;
  plan: (at: CreationPlanInput<I, F>) => Plan;
};

/** The load step: the row, or NOT_FOUND (also across the trash line), then the expected-version check. */
export async function loadTicket(tx: Tx, target: TicketTarget, action: TicketAction, wrongSideOfTrash?: () => DomainError): Promise<TicketRow> {
  const row = await tx.ticket.findUnique({ where: { id: target.id }, include: TICKET_WITH_COLLABORATORS });
  if (!row) throw new NotFoundError('Ticket');
  // Trashed tickets vanish from everything but the trash actions.
  if ((row.deletedAt !== null) !== actsInTrash(action)) throw wrongSideOfTrash?.() ?? new NotFoundError('Ticket');
  if (target.expectedVersion != null && row.version !== target.expectedVersion) {
    throw new ConflictError(`The ticket is at version ${row.version}, not ${target.expectedVersion}; reload and try again.`);
  }
  return row;
}

/**
 * The steps of run() inside a transaction the caller holds, for a write that is an action and more in one
 * commit (a review decision that is also the revision request): it commits or rolls back with the rest.
 */
export async function runAction<I extends TicketTarget, F>(
  tx: Tx,
  effects: CommittedEffects,
  spec: ActionSpec<I, F>,
  viewer: Viewer,
  input: I,
): Promise<Committed> {
  const before = await loadTicket(tx, input, spec.action, spec.wrongSideOfTrash);
  const ticketFacts = factsOf(before);
  if (spec.hiddenFromNonReaders && !canReadTicket(viewer, ticketFacts)) throw new NotFoundError('Ticket');
  const conflict = spec.conflict?.({ viewer, before, input });
  if (conflict) throw new ConflictError(conflict);
  const decision = decide(ticketFacts, spec.action, viewer);
  if (!decision.ok) throw refusalError(decision);
  const { transition } = decision;
  // Without a loader F is undefined (the spec's type demands a loader otherwise).
  const facts = (await spec.facts?.(tx, { viewer, before, input, transition })) as F;
  const now = new Date();
  const plan = spec.plan({ viewer, before, input, transition, facts, now });
  return commitChange(tx, effects, { viewer, before, transition, plan, now });
}

export function createTicketPipeline(prisma: PrismaClient, sink: EffectsSink) {
  const inTransaction = createTransactionRunner(prisma, sink);

  return {
    /** Runs an action on an existing ticket through load → decide → facts → plan → commit. */
    run<I extends TicketTarget, F>(spec: ActionSpec<I, F>, viewer: Viewer, input: I): Promise<Committed> {
      return inTransaction((tx, effects) => runAction(tx, effects, spec, viewer, input));
    },

    /**
     * The load and decide steps alone, outside a transaction: a caller with costly work before the commit
     * (storing an upload's bytes) learns first whether the action may happen at all. The commit decides again.
     */
    async check(spec: Pick<ActionSpec<TicketTarget, unknown>, 'action' | 'wrongSideOfTrash' | 'hiddenFromNonReaders'>, viewer: Viewer, target: TicketTarget) {
      const before = await loadTicket(prisma, target, spec.action, spec.wrongSideOfTrash);
      const ticketFacts = factsOf(before);
      if (spec.hiddenFromNonReaders && !canReadTicket(viewer, ticketFacts)) throw new NotFoundError('Ticket');
      const decision = decide(ticketFacts, spec.action, viewer);
      if (!decision.ok) throw refusalError(decision);
    },

    /** Creates a ticket: the creation routes decide where it starts; the same commit records it. */
    create<I, F>(spec: CreationSpec<I, F>, viewer: Viewer, input: I): Promise<Committed> {
      return inTransaction(async (tx, effects) => {
        const creation = decideCreation(viewer);
        const facts = await spec.facts(tx, { viewer, input, creation });
        const now = new Date();
        const plan = spec.plan({ viewer, input, creation, facts, now });
        return commitChange(tx, effects, { viewer, before: null, transition: creation, plan, now });
      });
    },
  };
}

export type TicketPipeline = ReturnType<typeof createTicketPipeline>;
