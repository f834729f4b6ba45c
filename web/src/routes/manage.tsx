// The management pages load as one lazy module behind one route: people who use one tend to use the others,
// and the shell's route table (part of every first load) then names them once.
import { useLocation } from '@solidjs/router';
import { type Component, createMemo, Show } from 'solid-js';
import { SectionTabs } from '../components/section-tabs';
import { ActivityPage } from '../features/activity/activity-page';
import { DepartmentsPage } from '../features/admin/departments-page';
import { ProductsPage } from '../features/admin/products-page';
import { UsersPage } from '../features/admin/users-page';
import { TrashPage } from '../features/trash/trash-page';
import type { Role } from '../gql/graphql';
import { session } from '../lib/session';

/** Keep in step with the route's paths in app.tsx. */
const PAGES: Record<string, Component> = {
  '/admin/users': UsersPage,
  '/admin/departments': DepartmentsPage,
  '/admin/products': ProductsPage,
  '/trash': TrashPage,
  '/activity': ActivityPage,
};

/** Manage's tabs (the main nav has one Manage link for them), each for the roles that may open it. */
const TABS: readonly { href: string; label: string; roles: readonly Role[] }[] = [
  { href: '/admin/users', label: 'Users', roles: ['ADMIN', 'MANAGER'] },
  { href: '/trash', label: 'Trash', roles: ['ADMIN', 'MANAGER'] },
  { href: '/activity', label: 'Activity', roles: ['ADMIN', 'MANAGER'] },
  { href: '/admin/departments', label: 'Departments', roles: ['ADMIN'] },
  { href: '/admin/products', label: 'Products', roles: ['ADMIN'] },
];

export function ManagePage() {
  const location = useLocation();
  const page = createMemo(() => PAGES[location.pathname.replace(/\/$/, '')]);
  // Dynamic would do, but would add itself to the chunk every page shares.
  const tabs = createMemo(() => {
    const role = session.user()?.role;
    return TABS.filter((tab) => role !== undefined && tab.roles.includes(role));
  });
  return (
    <>
      {/* A member opens only Activity: no tabs for one page. */}
      <Show when={tabs().length > 1}>
        <div class="manage-tabs">
          <SectionTabs label="Manage" tabs={tabs()} />
        </div>
      </Show>
      {(() => {
        const Page = page();
        return Page ? <Page /> : null;
      })()}
    </>
  );
}
