// Ticket helpers for integration tests: sessions for the demo people and the common mutations.
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import type { GraphQLClient } from './app.ts';

export const gid = (type: string, id: string) => encodeGlobalID(type, id);
export const rawId = (globalId: string) => decodeGlobalID(globalId).id;

export const DEMO_PEOPLE = ['admin', 'creative.manager', 'marketing.manager', 'sales.manager', 'designer', 'designer2', 'marketer', 'seller'] as const;
export type DemoPerson = (typeof DEMO_PEOPLE)[number];

export type Sessions = Record<DemoPerson, { token: string; id: string; globalId: string }>;

export async function signInEveryone(t: GraphQLClient): Promise<Sessions> {
  const entries = await Promise.all(
    DEMO_PEOPLE.map(async (name) => {
      const session = await t.login(name);
      return [name, { token: session.accessToken, id: rawId(session.userId), globalId: session.userId }] as const;
    }),
  );
  return Object.fromEntries(entries) as Sessions;
}

export const TICKET_FIELDS = `id number title status priority version dueDate isOverdue revisionCount
  requester { username } assignee { username } department { name } availableActions viewerCanEdit`;

export async function createTicket(t: GraphQLClient, token: string, input: Record<string, unknown> = {}) {
  // biome-ignore lint/suspicious/noExplicitAny: GraphQL JSON in tests is read loosely; a wrong path fails the assertion that reads it.
  const data = await t.ok<{ createTicket: { ticket: Record<string, any> } }>(
    `mutation ($input: CreateTicketInput!) { createTicket(input: $input) { ticket { ${TICKET_FIELDS} } } }`,
    { input: { title: 'Spring campaign banner', description: 'Hero banner for the spring sale', priority: 'MEDIUM', ...input } },
    token,
  );
  return data.createTicket.ticket;
}

/** Runs a ticket mutation whose payload is { ticket }; returns the whole GraphQL response. */
export function ticketMutation(t: GraphQLClient, name: string, inputType: string, input: Record<string, unknown>, token: string) {
  // biome-ignore lint/suspicious/noExplicitAny: GraphQL JSON in tests is read loosely; a wrong path fails the assertion that reads it.
  return t.gql<Record<string, { ticket: Record<string, any> }>>(
    `mutation ($input: ${inputType}!) { ${name}(input: $input) { ticket { ${TICKET_FIELDS} } } }`,
    { input },
    token,
  );
}

export async function ticketMutationOk(t: GraphQLClient, name: string, inputType: string, input: Record<string, unknown>, token: string) {
  const result = await ticketMutation(t, name, inputType, input, token);
  if (result.errors?.length || !result.data) throw new Error(`${name} failed: ${JSON.stringify(result.errors)}`);
  return result.data[name]!.ticket;
}

/** Drives a new Marketing ticket (requested by marketer) to the given point of the workflow. */
export async function ticketAt(
  t: GraphQLClient,
  s: Sessions,
  stage: 'REQUESTED' | 'PENDING_CREATIVE' | 'APPROVED' | 'ASSIGNED' | 'IN_PROGRESS' | 'COMPLETED' | 'CLOSED',
  input: Record<string, unknown> = {},
) {
  const order = ['REQUESTED', 'PENDING_CREATIVE', 'APPROVED', 'ASSIGNED', 'IN_PROGRESS', 'COMPLETED', 'CLOSED'] as const;
  const reach = (point: (typeof order)[number]) => order.indexOf(stage) >= order.indexOf(point);
  let ticket = await createTicket(t, s.marketer.token, input);
  if (reach('PENDING_CREATIVE')) ticket = await ticketMutationOk(t, 'approveTicket', 'ApproveTicketInput', { id: ticket.id }, s['marketing.manager'].token);
  if (reach('APPROVED')) ticket = await ticketMutationOk(t, 'approveTicket', 'ApproveTicketInput', { id: ticket.id }, s['creative.manager'].token);
  if (reach('ASSIGNED')) {
    ticket = await ticketMutationOk(t, 'assignTicket', 'AssignTicketInput', { id: ticket.id, assigneeId: s.designer.globalId }, s['creative.manager'].token);
  }
  if (reach('IN_PROGRESS')) ticket = await ticketMutationOk(t, 'startTicket', 'TicketActionInput', { id: ticket.id }, s.designer.token);
  if (reach('COMPLETED')) ticket = await ticketMutationOk(t, 'completeTicket', 'CompleteTicketInput', { id: ticket.id }, s.designer.token);
  if (reach('CLOSED')) ticket = await ticketMutationOk(t, 'confirmTicket', 'TicketActionInput', { id: ticket.id }, s.marketer.token);
  return ticket;
}
