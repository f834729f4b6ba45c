import { A, useLocation } from '@solidjs/router';
import { For } from 'solid-js';
import type { Role } from '../gql/graphql';
import { session } from '../lib/session';

type NavLink = {
  href: string;
  label: string;
  end?: boolean;
  /** Who sees the link; everyone when unset. */
  roles?: readonly Role[];
  /** Other path prefixes the section covers (its pages switch with tabs: one link keeps the bar short). */
  also?: readonly string[];
  /** Starts the group of management sections (a divider before it). */
  group?: boolean;
};

const MANAGERS: readonly Role[] = ['ADMIN', 'MANAGER'];

const LINKS: readonly NavLink[] = [
  { href: '/', label: 'Dashboard', end: true },
  { href: '/board', label: 'Board' },
  { href: '/tickets', label: 'Tickets' },
  { href: '/my-tasks', label: 'My tasks' },
  { href: '/analytics', label: 'Reports', roles: MANAGERS, also: ['/reports/'], group: true },
  // Managers and admins reach Activity through Manage's tabs (routes/manage.tsx); members have only Activity.
  { href: '/activity', label: 'Activity', roles: ['MEMBER'], group: true },
  { href: '/admin/users', label: 'Manage', roles: MANAGERS, also: ['/admin/', '/trash', '/activity'] },
];

/** The links the signed-in person may use. */
const visibleLinks = () => {
  const role = session.user()?.role;
  return LINKS.filter((link) => !link.roles || (role !== undefined && link.roles.includes(role)));
};

/**
 * Whether the link's section is open: its own path (exactly, for `end`; or any page under it) or one of the
 * paths it also covers. One rule for the class: the router's active class and a classList entry of false for
 * the same name undid each other, so most links never lit up.
 */
const isCurrent = (link: NavLink, path: string) =>
  (link.end ? path === link.href : path === link.href || path.startsWith(`${link.href}/`)) || (link.also?.some((prefix) => path.startsWith(prefix)) ?? false);

/** The signed-in sections. On phones it folds into the menu the shell opens (see app-shell.css). */
export function MainNav(props: { onNavigate?: () => void }) {
  const location = useLocation();
  return (
    <nav class="main-nav" aria-label="Main">
      <For each={visibleLinks()}>
        {(link) => (
          <A
            href={link.href}
            end={link.end}
            class={link.group ? 'main-nav-link main-nav-group' : 'main-nav-link'}
            activeClass="main-nav-link-active"
            classList={{ 'main-nav-link-active': isCurrent(link, location.pathname) }}
            onClick={() => props.onNavigate?.()}
          >
            {link.label}
          </A>
        )}
      </For>
    </nav>
  );
}
