// Plays the demo rows through the real ticket and comment services, so history, activity log, notifications
// and outbox are what the product itself writes. All rows' steps run in one timeline ordered by demo time:
// ticket numbers, activity ids and event order then agree with the dates backdate.ts gives them.
import type { PrismaClient } from '../db/generated/prisma/client.ts';
import type { Viewer } from '../domain/viewer.ts';
import { createCommentService } from '../services/comments.ts';
import type { TicketRow } from '../services/ticket-rows.ts';
import { type CreateTicketInput, createTicketService } from '../services/tickets.ts';
import type { SeedClock } from './backdate.ts';
import { DemoStoryError, type StoryStep, storyOf } from './demo-story.ts';
import type { DemoUsername } from './demo-team.ts';
import type { DemoProduct, DemoTicket } from './demo-tickets.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The last step of any story happens at least this long before the seed runs. */
const PAST_MARGIN_MS = 15 * MINUTE;

export type DemoCast = {
  viewers: Record<DemoUsername, Viewer>;
  /** The manager who takes the department step for each person's requests. */
  departmentManagers: Record<DemoUsername, DemoUsername | null>;
  productIds: Record<DemoProduct, string>;
};

/** One demo row while it is played: the ticket it has become so far, and its comments' ids (replies name them). */
type Play = { row: DemoTicket; ticket: TicketRow | undefined; commentIds: string[] };

type ScheduledStep = { play: Play; step: StoryStep; at: Date };

/** Fixed spreads, so requests do not all come in at the time of day the seed runs, nor steps on the same minute. */
const requestSpread = (row: number) => (((row + 1) * 4271) % 240) * MINUTE;
const stepSpread = (row: number, step: number) => (((row + 1) * 7919 + (step + 1) * 6271) % 1800) * 1000;

/** Every row's story on one timeline, oldest first, at least a minute apart so each step has its own moment. */
function scheduleDemo(plays: readonly Play[], cast: DemoCast, now: Date): ScheduledStep[] {
  const timeline = plays.flatMap((play, index) => {
    const row = play.row;
    const requestedAt = now.getTime() - row.day * DAY - requestSpread(index);
    let previous = -Infinity;
    return storyOf(row, cast.viewers[row.by], cast.departmentManagers[row.by]).map((step, position) => {
      const at = Math.max(requestedAt + step.hour * HOUR + stepSpread(index, position), previous + MINUTE);
      previous = at;
      return { play, step, at: new Date(at) };
    });
  });
  timeline.sort((a, b) => a.at.getTime() - b.at.getTime());
  timeline.forEach((entry, index) => {
    const previous = timeline[index - 1];
    if (previous && entry.at.getTime() < previous.at.getTime() + MINUTE) entry.at = new Date(previous.at.getTime() + MINUTE);
    if (entry.at.getTime() > now.getTime() - PAST_MARGIN_MS) {
      throw new DemoStoryError(entry.play.row, `its ${entry.step.kind} step would happen in the future; request it earlier`);
    }
  });
  return timeline;
}

function requestFields(row: DemoTicket, productIds: DemoCast['productIds'], realNow: number): CreateTicketInput {
  const request = row.request;
  const fields: CreateTicketInput = {
    title: row.title,
    description: row.description,
    priority: row.priority,
    requestType: request.requestType,
    estimatedHours: row.hours?.estimated ?? null,
    // Planned times are set relative to the real moment; backdate.ts moves them with this step.
    dueDate: row.dueInDays ? new Date(realNow + row.dueInDays * DAY) : null,
  };
  if ('fileFormat' in request) Object.assign(fields, { fileFormat: request.fileFormat, quantity: request.quantity });
  if ('criteria' in request) Object.assign(fields, { criteria: request.criteria, quantity: request.quantity });
  if ('startsInHours' in request) {
    const start = realNow + request.startsInHours * HOUR;
    Object.assign(fields, { scheduledStart: new Date(start), scheduledEnd: new Date(start + request.hours * HOUR) });
  }
  if ('items' in request) {
    fields.productItems = request.items.map((item) => ({ productId: productIds[item.product], quantity: item.quantity, criteria: item.criteria ?? null }));
  }
  return fields;
}

export type PlayedDemo = {
  tickets: TicketRow[];
  comments: number;
  /** Per ticket, the shift of the step that set its planned times (due date, schedule). */
  plannedShifts: Map<string, number>;
};

export async function playDemoTickets(client: PrismaClient, rows: readonly DemoTicket[], cast: DemoCast, clock: SeedClock, now: Date): Promise<PlayedDemo> {
  const services = {
    tickets: createTicketService({ prisma: client, sink: () => {} }),
    comments: createCommentService({ prisma: client, sink: () => {} }),
  };
  const plays: Play[] = rows.map((row) => ({ row, ticket: undefined, commentIds: [] }));
  const plannedShifts = new Map<string, number>();

  for (const { play, step, at } of scheduleDemo(plays, cast, now)) {
    const row = play.row;
    const viewer = cast.viewers[step.actor];
    const shift = await clock.enter(at);
    if (step.kind === 'create') {
      const created = await services.tickets.create(viewer, requestFields(row, cast.productIds, Date.now()));
      if (created.dueDate || created.scheduledStart) plannedShifts.set(created.id, shift);
      play.ticket = created;
      continue;
    }
    if (!play.ticket) throw new DemoStoryError(row, `its ${step.kind} step comes before the request`);
    const id = play.ticket.id;
    switch (step.kind) {
      case 'approve':
        play.ticket = await services.tickets.approve(viewer, { id });
        break;
      case 'reject':
        play.ticket = await services.tickets.reject(viewer, { id, reason: step.reason });
        break;
      case 'assign':
        play.ticket = await services.tickets.assign(viewer, { id, assigneeId: cast.viewers[step.user].id });
        // Without a due date of its own, the ticket's deadline comes from this step (the SLA).
        if (!plannedShifts.has(id)) plannedShifts.set(id, shift);
        break;
      case 'collaborate':
        play.ticket = await services.tickets.addCollaborator(viewer, { id, userId: cast.viewers[step.user].id });
        break;
      case 'start':
        play.ticket = await services.tickets.start(viewer, { id });
        break;
      case 'complete':
        play.ticket = await services.tickets.complete(viewer, { id, actualHours: step.actualHours });
        break;
      case 'revise':
        play.ticket = await services.tickets.requestRevision(viewer, { id, reason: step.reason });
        break;
      case 'confirm':
        play.ticket = await services.tickets.confirm(viewer, { id });
        break;
      case 'comment': {
        const parentId = step.replyTo === null ? null : play.commentIds[step.replyTo];
        if (parentId === undefined) throw new DemoStoryError(row, `comment ${step.index} answers comment ${step.replyTo}, which is not written yet`);
        const comment = await services.comments.add(viewer, { ticketId: id, body: step.body, parentId });
        play.commentIds.push(comment.id);
        break;
      }
    }
  }

  const played = plays.map(({ row, ticket }) => {
    if (ticket?.status !== row.to) throw new DemoStoryError(row, `ended ${ticket?.status ?? 'uncreated'}, not ${row.to}`);
    return ticket;
  });
  return { tickets: played, comments: plays.reduce((count, play) => count + play.commentIds.length, 0), plannedShifts };
}
