// The management pages (routes/manage-pages.ts) sit behind one route and one lazy module; each page then loads
// on its own, under Manage's tabs, so no page carries the other four.
import { useLocation } from '@solidjs/router';
import { type Component, createMemo, lazy, Show, Suspense } from 'solid-js';
import { Loading } from '../components/loading';
import { SectionTabs } from '../components/section-tabs';
import { session } from '../lib/session';
import { MANAGE_PAGES, type ManagePath } from './manage-pages';

/** Each page's code, by its path in MANAGE_PAGES: a page added there does not compile until it is here. */
const PAGES = {
  '/admin/users': lazy(() => import('../features/admin/users-page').then((module) => ({ default: module.UsersPage }))),
  '/trash': lazy(() => import('../features/trash/trash-page').then((module) => ({ default: module.TrashPage }))),
  '/activity': lazy(() => import('../features/activity/activity-page').then((module) => ({ default: module.ActivityPage }))),
  '/admin/webhooks': lazy(() => import('../features/integrations/webhooks-page').then((module) => ({ default: module.WebhooksPage }))),
  '/admin/departments': lazy(() => import('../features/admin/departments-page').then((module) => ({ default: module.DepartmentsPage }))),
  '/admin/products': lazy(() => import('../features/admin/products-page').then((module) => ({ default: module.ProductsPage }))),
  '/admin/service-accounts': lazy(() => import('../features/integrations/service-accounts-page').then((module) => ({ default: module.ServiceAccountsPage }))),
} satisfies Record<ManagePath, Component>;

export function ManagePage() {
  const location = useLocation();
  const page = createMemo(() => (PAGES as Partial<Record<string, Component>>)[location.pathname.replace(/\/$/, '')]);
  // Dynamic would do, but would add itself to the chunk every page shares.
  const tabs = createMemo(() => {
    const role = session.user()?.role;
    return MANAGE_PAGES.filter((tab) => role !== undefined && tab.roles.includes(role)).map((tab) => ({ href: tab.path, label: tab.label }));
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
