// Turns what the request editor holds into the updateTicket fields, or says what is missing. Pure; kept apart
// from ticket-edits.ts because it pulls the whole new-request form's rules, which only the lazily loaded
// editor needs (the ticket page's first load stays within its budget).
import { emptyDraft, type FieldErrors, fieldsFor, type RequestDraft, toCreateInput, validateDraft } from '../request-form/request-rules';
import type { TicketPatch } from './ticket-edits';

/** What the request editor holds: the type and the parts of the request the type decides, as typed. */
export type RequestFields = Pick<RequestDraft, 'requestType' | 'fileFormat' | 'scheduledStart' | 'scheduledEnd' | 'productItems'>;

// The new-request form's errors that belong to the request editor (title, due date… are edited elsewhere).
const REQUEST_ERROR = /^(fileFormat|scheduledStart|scheduledEnd|productItems)/;

/**
 * The request type with what that type needs (file format, schedule or product items), checked by the
 * new-request form's rules. `quantity` is the ticket's: kept when the type changes to one without items
 * (the server would reset it), never sent for itemized types (the server counts it from the items).
 * Criteria are not sent: the server decides them for the types that decide them, and a type change clears
 * a chosen one (the Criteria field sets it again).
 */
export function requestEdit(fields: RequestFields, quantity: number): { patch: TicketPatch } | { errors: FieldErrors } {
  const draft: RequestDraft = { ...emptyDraft(), title: 'unchanged', ...fields, quantity: String(quantity) };
  const errors = Object.fromEntries(Object.entries(validateDraft(draft)).filter(([key, message]) => message && REQUEST_ERROR.test(key)));
  if (Object.keys(errors).length > 0) return { errors };
  const input = toCreateInput(draft);
  const type = fieldsFor(fields.requestType);
  return {
    patch: {
      requestType: input.requestType,
      ...(type.fileFormat ? { fileFormat: input.fileFormat } : {}),
      ...(type.schedule ? { scheduledStart: input.scheduledStart, scheduledEnd: input.scheduledEnd } : {}),
      ...(type.productCategories ? { productItems: input.productItems } : { quantity: input.quantity }),
    },
  };
}
