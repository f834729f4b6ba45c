import { A, useMatch } from '@solidjs/router';
import { For } from 'solid-js';
import type { Role } from '../gql/graphql';
import { session } from '../lib/session';
import { MANAGE_PAGES, MANAGE_PATHS, MANAGERS } from '../routes/manage-pages';

type NavLink = {
  href: string;
  label: string;
  end?: boolean;
  /** Who sees the link; everyone when unset. */
  roles?: readonly Role[];
  /** Other paths the section covers, each with the pages under it (its pages switch with tabs: one link keeps the bar short). */
  also?: readonly string[];
  /** Starts the group of management sections (a divider before it). */
  group?: boolean;
};

const LINKS: readonly NavLink[] = [
  { href: '/', label: 'Dashboard', end: true },
  { href: '/board', label: 'Board' },
  { href: '/tickets', label: 'Tickets' },
  { href: '/my-tasks', label: 'My tasks' },
  { href: '/analytics', label: 'Reports', roles: MANAGERS, also: ['/reports'], group: true },
  // Managers and admins reach Activity through Manage's tabs (routes/manage.tsx); members have only Activity.
  { href: '/activity', label: 'Activity', roles: ['MEMBER'], group: true },
  { href: MANAGE_PAGES[0].path, label: 'Manage', roles: MANAGERS, also: MANAGE_PATHS },
];

/** The links the signed-in person may use. */
const visibleLinks = () => {
  const role = session.user()?.role;
  return LINKS.filter((link) => !link.roles || (role !== undefined && link.roles.includes(role)));
};

/**
 * Whether the link's section is open, by the router's own matching: its path (exactly, for `end`; else with
 * any page under it) or one of the paths it also covers. The class is set here alone: the router's active
 * class and a classList entry for the same name undid each other.
 */
function useIsCurrent(link: NavLink): () => boolean {
  const matches = [link.end ? link.href : `${link.href}/*`, ...(link.also ?? []).map((path) => `${path}/*`)].map((path) => useMatch(() => path));
  return () => matches.some((match) => match() !== undefined);
}

/** The signed-in sections. On phones it folds into the menu the shell opens (see app-shell.css). */
export function MainNav(props: { onNavigate?: () => void }) {
  return (
    <nav class="main-nav" aria-label="Main">
      <For each={visibleLinks()}>
        {(link) => {
          const current = useIsCurrent(link);
          return (
            <A
              href={link.href}
              end={link.end}
              class={link.group ? 'main-nav-link main-nav-group' : 'main-nav-link'}
              classList={{ 'main-nav-link-active': current() }}
              onClick={() => props.onNavigate?.()}
            >
              {link.label}
            </A>
          );
        }}
      </For>
    </nav>
  );
}
