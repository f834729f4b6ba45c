import { A, useLocation } from '@solidjs/router';
import { For } from 'solid-js';
import { session } from '../lib/session';

type Role = 'ADMIN' | 'MANAGER' | 'MEMBER';

/** `also`: other paths the section covers (Reports: Analytics and the Monthly report, one link to keep the bar short). */
const LINKS: { href: string; label: string; end: boolean; roles?: readonly Role[]; also?: string }[] = [
  { href: '/', label: 'Dashboard', end: true },
  { href: '/board', label: 'Board', end: false },
  { href: '/tickets', label: 'Tickets', end: false },
  { href: '/my-tasks', label: 'My tasks', end: false },
  { href: '/analytics', label: 'Reports', end: false, roles: ['ADMIN', 'MANAGER'], also: '/reports/' },
];

/** The links the signed-in person may use (analytics are for managers and admins). */
const visibleLinks = () => {
  const role = session.user()?.role as Role | undefined;
  return LINKS.filter((link) => !link.roles || (role !== undefined && link.roles.includes(role)));
};

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
            class="main-nav-link"
            activeClass="main-nav-link-active"
            classList={{ 'main-nav-link-active': link.also !== undefined && location.pathname.startsWith(link.also) }}
            onClick={() => props.onNavigate?.()}
          >
            {link.label}
          </A>
        )}
      </For>
    </nav>
  );
}
