import { A } from '@solidjs/router';
import { For } from 'solid-js';

const LINKS = [
  { href: '/', label: 'Dashboard', end: true },
  { href: '/board', label: 'Board', end: false },
  { href: '/tickets', label: 'Tickets', end: false },
  { href: '/my-tasks', label: 'My tasks', end: false },
];

/** The signed-in sections. On phones it folds into the menu the shell opens (see app-shell.css). */
export function MainNav(props: { onNavigate?: () => void }) {
  return (
    <nav class="main-nav" aria-label="Main">
      <For each={LINKS}>
        {(link) => (
          <A href={link.href} end={link.end} class="main-nav-link" activeClass="main-nav-link-active" onClick={() => props.onNavigate?.()}>
            {link.label}
          </A>
        )}
      </For>
    </nav>
  );
}
