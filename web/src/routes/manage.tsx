// The management pages sit behind one route and one lazy module, so the shell's route table (part of every first
// load) names them once; each page then loads on its own, under Manage's tabs, so no page carries the other four.
import { useLocation } from '@solidjs/router';
import { type Component, createMemo, lazy, Show, Suspense } from 'solid-js';
import { Loading } from '../components/loading';
import { SectionTabs } from '../components/section-tabs';
import type { Role } from '../gql/graphql';
import { session } from '../lib/session';

/** Keep in step with the route's paths in app.tsx. */
const PAGES: Record<string, Component> = {
  '/admin/users': lazy(() => import('../features/admin/users-page').then((module) => ({ default: module.UsersPage }))),
  '/admin/departments': lazy(() => import('../features/admin/departments-page').then((module) => ({ default: module.DepartmentsPage }))),
  '/admin/products': lazy(() => import('../features/admin/products-page').then((module) => ({ default: module.ProductsPage }))),
  '/trash': lazy(() => import('../features/trash/trash-page').then((module) => ({ default: module.TrashPage }))),
  '/activity': lazy(() => import('../features/activity/activity-page').then((module) => ({ default: module.ActivityPage }))),
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
      <Suspense fallback={<Loading />}>
        {(() => {
          const Page = page();
          return Page ? <Page /> : null;
        })()}
      </Suspense>
    </>
  );
}
