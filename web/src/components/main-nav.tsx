import { A } from '@solidjs/router';
import { For } from 'solid-js';
import type { Role } from '../gql/graphql';
import { session } from '../lib/session';

const LINKS = [
  { href: '/', label: 'Dashboard', end: true },
  { href: '/board', label: 'Board', end: false },
  { href: '/tickets', label: 'Tickets', end: false },
  { href: '/my-tasks', label: 'My tasks', end: false },
];

/** Management sections, each shown to the roles the API lets use it. */
const MANAGE_LINKS: { href: string; label: string; roles: readonly Role[] }[] = [
  { href: '/activity', label: 'Activity', roles: ['ADMIN', 'MANAGER', 'MEMBER'] },
  { href: '/trash', label: 'Trash', roles: ['ADMIN', 'MANAGER'] },
  { href: '/admin/users', label: 'Users', roles: ['ADMIN', 'MANAGER'] },
  { href: '/admin/departments', label: 'Departments', roles: ['ADMIN'] },
  { href: '/admin/products', label: 'Products', roles: ['ADMIN'] },
];

/** The signed-in sections. On phones it folds into the menu the shell opens (see app-shell.css). */
export function MainNav(props: { onNavigate?: () => void }) {
  const manage = () => MANAGE_LINKS.filter((link) => link.roles.includes(session.user()?.role ?? 'MEMBER'));
  return (
    <nav class="main-nav" aria-label="Main">
      <For each={LINKS}>
        {(link) => (
          <A href={link.href} end={link.end} class="main-nav-link" activeClass="main-nav-link-active" onClick={() => props.onNavigate?.()}>
            {link.label}
          </A>
        )}
      </For>
      <span class="main-nav-divider" aria-hidden="true" />
      <For each={manage()}>
        {(link) => (
          <A href={link.href} class="main-nav-link main-nav-link-manage" activeClass="main-nav-link-active" onClick={() => props.onNavigate?.()}>
            {link.label}
          </A>
        )}
      </For>
    </nav>
  );
}
