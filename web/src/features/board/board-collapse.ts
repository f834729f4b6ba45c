// Which board columns a person keeps collapsed (a strip with the title and the count, no cards), kept in
// localStorage per person so the choice survives reloads and stays theirs on a shared computer. Until they
// choose, the columns where tickets end (Closed, Rejected) start collapsed: the work in flight gets the width.
import { createSignal } from 'solid-js';
import type { TicketStatus } from '../../gql/graphql';
import { STATUS_ORDER } from '../../lib/vocabulary';

export const COLLAPSED_BY_DEFAULT: readonly TicketStatus[] = ['CLOSED', 'REJECTED'];

const keyFor = (userId: string) => `juan365.board-collapsed.${userId}`;

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

/** The stored choice, or the default; anything unreadable or unknown is dropped rather than trusted. */
export function loadCollapsed(userId: string | undefined, storage: Storage = localStorage): ReadonlySet<TicketStatus> {
  try {
    const stored = userId ? storage.getItem(keyFor(userId)) : null;
    const parsed: unknown = stored ? JSON.parse(stored) : undefined;
    if (Array.isArray(parsed)) return new Set(STATUS_ORDER.filter((status) => parsed.includes(status)));
  } catch {
    // Storage disabled or a damaged value: the default below.
  }
  return new Set(COLLAPSED_BY_DEFAULT);
}

export function saveCollapsed(userId: string | undefined, collapsed: ReadonlySet<TicketStatus>, storage: Storage = localStorage): void {
  if (!userId) return;
  try {
    storage.setItem(keyFor(userId), JSON.stringify(STATUS_ORDER.filter((status) => collapsed.has(status))));
  } catch {
    // Storage full or disabled: the choice lasts until the page is left.
  }
}

/** The collapsed columns of `userId` as a signal, and a toggle that remembers the new choice. */
export function createCollapsedColumns(userId: () => string | undefined) {
  const [collapsed, setCollapsed] = createSignal(loadCollapsed(userId()));
  const toggle = (status: TicketStatus) => {
    const next = new Set(collapsed());
    if (next.has(status)) next.delete(status);
    else next.add(status);
    setCollapsed(next);
    saveCollapsed(userId(), next);
  };
  return { isCollapsed: (status: TicketStatus) => collapsed().has(status), toggle };
}
