// Turns what was typed in an inline editor into the updateTicket field, or says why it cannot be sent.
// Pure; the workspace sends the result with the version the viewer saw.
import type { UpdateTicketInput } from '../../gql/graphql';
import { MAX_QUANTITY, parseWholeNumber } from '../request-form/request-vocabulary';

export type TicketPatch = Omit<UpdateTicketInput, 'id' | 'expectedVersion'>;
export type EditResult = { patch: TicketPatch } | { error: string };

export function titleEdit(text: string): EditResult {
  const title = text.trim();
  if (!title) return { error: 'The title cannot be empty.' };
  if (title.length > 200) return { error: 'Keep the title under 200 characters.' };
  return { patch: { title } };
}

/** An optional date-time: empty clears it. `future` refuses past instants (due dates). */
export function dateEdit(field: 'dueDate' | 'scheduledStart' | 'scheduledEnd', text: string, now = new Date()): EditResult {
  if (!text) return field === 'dueDate' ? { patch: { dueDate: null } } : { error: 'Choose a date and time.' };
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return { error: 'Enter a valid date and time.' };
  if (field === 'dueDate' && date.getTime() <= now.getTime()) return { error: 'The due date must be in the future.' };
  return { patch: { [field]: date.toISOString() } };
}

export function quantityEdit(text: string): EditResult {
  const quantity = parseWholeNumber(text);
  if (quantity === null || quantity < 1 || quantity > MAX_QUANTITY) return { error: `Enter a whole number from 1 to ${MAX_QUANTITY}.` };
  return { patch: { quantity } };
}

export function hoursEdit(field: 'estimatedHours' | 'actualHours', text: string): EditResult {
  if (!text.trim()) return { patch: { [field]: null } };
  const hours = Number(text);
  if (!Number.isFinite(hours) || hours < 0 || hours > 10_000) return { error: 'Enter hours between 0 and 10,000.' };
  return { patch: { [field]: hours } };
}
