// What the command palette lists for a text: the `search` query's tickets and people, the app's pages whose
// names match the words, and a jump to a ticket by its number. Plain functions, so the palette only renders.
import type { Role, TicketAction, TicketStatus } from '../../gql/graphql';
import { MANAGE_PAGES, MANAGERS } from '../../routes/manage-pages';
import { ACTIONS, isRunnableAction, type RunnableAction } from '../ticket-actions/action-rules';

export type PaletteGroup = 'Actions' | 'Tickets' | 'People' | 'Pages';

export type PaletteItem = {
  key: string;
  group: PaletteGroup;
  /** The first line (a ticket's title, a person's name, a page's name). */
  label: string;
  /** "#123" for tickets. */
  prefix?: string;
  /** The second line: a ticket's snippet, a person's username and department, a page's path. */
  detail?: string;
  status?: TicketStatus;
  /** Where Enter goes; an action item runs `action` on the open ticket instead. */
  href?: string;
  action?: RunnableAction;
};

/** The ticket page the palette was opened on, with what the viewer may do to it now. */
export type OpenTicket = { id: string; number: number; title: string; status: TicketStatus; version: number; availableActions: readonly TicketAction[] };

export type SearchResult = {
  snippet?: string | null;
  ticket?: { id: string; number: number; title: string; status: TicketStatus } | null;
  user?: { id: string; username: string; displayName: string; department?: { name: string } | null } | null;
};

type Page = { label: string; href: string; roles?: readonly Role[] };

/** Every page a signed-in person can open from the palette (the nav's sections and the pages behind menus). */
const PAGES: readonly Page[] = [
  { label: 'Dashboard', href: '/' },
  { label: 'Board', href: '/board' },
  { label: 'Tickets', href: '/tickets' },
  { label: 'My tasks', href: '/my-tasks' },
  { label: 'New request', href: '/new' },
  { label: 'Notifications', href: '/notifications' },
  { label: 'Profile', href: '/profile' },
  { label: 'API tokens', href: '/profile/tokens' },
  { label: 'Reports', href: '/analytics', roles: MANAGERS },
  { label: 'Monthly report', href: '/reports/monthly', roles: MANAGERS },
  { label: 'Activity', href: '/activity', roles: ['MEMBER'] },
  ...MANAGE_PAGES.map((page) => ({ label: page.label, href: page.path, roles: page.roles })),
];

/** The words of a text, lowercased: what is matched and marked. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** "#123" or "123": the ticket number typed, else null. */
export function ticketNumberOf(text: string): number | null {
  const digits = /^#?(\d{1,9})$/.exec(text.trim())?.[1];
  return digits ? Number(digits) : null;
}

/** Pages the role may open whose name has a word starting with each typed word; all of them for blank text. */
export function matchingPages(text: string, role: Role | undefined): PaletteItem[] {
  const words = wordsOf(text);
  return PAGES.filter((page) => !page.roles || (role !== undefined && page.roles.includes(role)))
    .filter((page) => {
      const labelWords = wordsOf(page.label);
      return words.every((word) => labelWords.some((part) => part.startsWith(word)));
    })
    .map((page) => ({ key: `page:${page.href}`, group: 'Pages', label: page.label, detail: page.href, href: page.href }));
}

/** The ticket number of a ticket page's path ("/tickets/12"), else null (its files' pages are not the ticket). */
export function ticketNumberInPath(pathname: string): number | null {
  const digits = /^\/tickets\/(\d{1,9})\/?$/.exec(pathname)?.[1];
  return digits ? Number(digits) : null;
}

/**
 * The actions the open ticket offers the viewer (its `availableActions` the action runner can run, in the
 * server's order) whose name has a word starting with each typed word; all of them for blank text.
 */
export function actionItems(text: string, ticket: OpenTicket | undefined): PaletteItem[] {
  if (!ticket) return [];
  const words = wordsOf(text);
  return ticket.availableActions
    .filter(isRunnableAction)
    .filter((action) => {
      const labelWords = wordsOf(ACTIONS[action].label);
      return words.every((word) => labelWords.some((part) => part.startsWith(word)));
    })
    .map((action) => ({
      key: `action:${action}`,
      group: 'Actions',
      label: ACTIONS[action].label,
      prefix: `#${ticket.number}`,
      detail: ticket.title,
      action,
    }));
}

/** Where a person leads: managers and admins to the person in Manage → Users, members to the work assigned to them. */
function personHref(user: NonNullable<SearchResult['user']>, role: Role | undefined): string {
  if (role !== undefined && MANAGERS.includes(role)) return `/admin/users?q=${encodeURIComponent(user.username)}`;
  return `/tickets?assignee=${encodeURIComponent(user.id)}`;
}

/** The palette's items in display order: the open ticket's actions, tickets (a typed number first), people, pages. */
export function paletteItems(text: string, results: readonly SearchResult[], role: Role | undefined, openTicket?: OpenTicket): PaletteItem[] {
  const actions = actionItems(text, openTicket);
  const tickets: PaletteItem[] = [];
  const people: PaletteItem[] = [];
  const number = ticketNumberOf(text);
  if (number !== null && !results.some((result) => result.ticket?.number === number)) {
    tickets.push({ key: `jump:${number}`, group: 'Tickets', prefix: `#${number}`, label: `Go to ticket #${number}`, href: `/tickets/${number}` });
  }
  for (const result of results) {
    if (result.ticket) {
      tickets.push({
        key: `ticket:${result.ticket.id}`,
        group: 'Tickets',
        prefix: `#${result.ticket.number}`,
        label: result.ticket.title,
        detail: result.snippet ?? undefined,
        status: result.ticket.status,
        href: `/tickets/${result.ticket.number}`,
      });
    } else if (result.user) {
      const where = result.user.department?.name;
      people.push({
        key: `user:${result.user.id}`,
        group: 'People',
        label: result.user.displayName,
        detail: where ? `@${result.user.username} · ${where}` : `@${result.user.username}`,
        href: personHref(result.user, role),
      });
    }
  }
  // With nothing typed the pages are the whole list; with text, only a handful under the results.
  const pages = matchingPages(text, role).slice(0, text.trim() ? 4 : undefined);
  return [...actions, ...tickets, ...people, ...pages];
}

export type Segment = { text: string; mark: boolean };

/** The text cut where a typed word starts a word of it (as the search matches prefixes), to mark those parts. */
export function highlight(text: string, words: readonly string[]): Segment[] {
  const wanted = words.filter((word) => word.length > 0);
  if (!wanted.length) return [{ text, mark: false }];
  const segments: Segment[] = [];
  let plainFrom = 0;
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = match[0].toLowerCase();
    const longest = Math.max(0, ...wanted.filter((candidate) => word.startsWith(candidate)).map((candidate) => candidate.length));
    if (!longest) continue;
    const start = match.index ?? 0;
    if (start > plainFrom) segments.push({ text: text.slice(plainFrom, start), mark: false });
    segments.push({ text: text.slice(start, start + longest), mark: true });
    plainFrom = start + longest;
  }
  if (plainFrom < text.length) segments.push({ text: text.slice(plainFrom), mark: false });
  return segments;
}
