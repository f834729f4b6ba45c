import { A } from '@solidjs/router';
import { For } from 'solid-js';
import type { Role } from '../gql/graphql';
import { session } from '../lib/session';

/** `min`: the lowest role that sees the section (MANAGER: admins too; the API decides what one may do there). */
const LINKS: { href: string; label: string; end?: boolean; min?: Exclude<Role, 'MEMBER'>; group?: boolean }[] = [
  { href: '/', label: 'Dashboard', end: true },
  { href: '/board', label: 'Board' },
  { href: '/tickets', label: 'Tickets' },
  { href: '/my-tasks', label: 'My tasks' },
  { href: '/activity', label: 'Activity', group: true },
  { href: '/trash', label: 'Trash', min: 'MANAGER' },
  { href: '/admin/users', label: 'Users', min: 'MANAGER' },
  { href: '/admin/departments', label: 'Departments', min: 'ADMIN' },
  { href: '/admin/products', label: 'Products', min: 'ADMIN' },
];

/** The signed-in sections. On phones it folds into the menu the shell opens (see app-shell.css). */
export function MainNav(props: { onNavigate?: () => void }) {
  const links = () => LINKS.filter((link) => !link.min || link.min === session.user()?.role || session.user()?.role === 'ADMIN');
  return (
    <nav class="main-nav" aria-label="Main">
      <For each={links()}>
        {(link) => (
          <A
            href={link.href}
            end={link.end}
            class={link.group ? 'main-nav-link main-nav-group' : 'main-nav-link'}
            activeClass="main-nav-link-active"
            onClick={() => props.onNavigate?.()}
          >
            {link.label}
          </A>
        )}
      </For>
    </nav>
  );
}
