import type { FieldChange } from '../../domain/ticket-snapshot.ts';
import { visibleTicketsWhere } from '../../services/ticket-visibility.ts';
import { builder } from '../builder.ts';
import { HistoryActionEnum, TicketStatusEnum } from './enums.ts';

const FieldChangeRef = builder.objectRef<FieldChange>('FieldChange').implement({
  description: 'One field of a change: values rendered as strings (dates ISO 8601, lists comma-separated).',
  fields: (t) => ({
    field: t.exposeString('field'),
    from: t.string({ nullable: true, resolve: (change) => render(change.from) }),
    to: t.string({ nullable: true, resolve: (change) => render(change.to) }),
  }),
});

function render(value: FieldChange['from']): string | null {
  if (value === null) return null;
  if (Array.isArray(value)) return value.map((item) => render(item) ?? '').join(', ');
  return String(value);
}

export const TicketHistoryEntryRef = builder.prismaNode('TicketHistory', {
  name: 'TicketHistoryEntry',
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, ctx) => ({ id, ticket: ctx.viewer ? visibleTicketsWhere(ctx.viewer) : { id: { in: [] } } }),
  fields: (t) => ({
    action: t.expose('action', { type: HistoryActionEnum }),
    actor: t.relation('actor', { nullable: true }),
    fromStatus: t.expose('fromStatus', { type: TicketStatusEnum, nullable: true }),
    toStatus: t.expose('toStatus', { type: TicketStatusEnum, nullable: true }),
    changes: t.field({
      type: [FieldChangeRef],
      select: { changes: true },
      resolve: (entry) => (Array.isArray(entry.changes) ? (entry.changes as FieldChange[]) : []),
    }),
    reason: t.exposeString('reason', { nullable: true }),
    version: t.exposeInt('version', { description: "The ticket's version after this change." }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});
