// The management pages load as one lazy module behind one route: people who use one tend to use the others,
// and the shell's route table (part of every first load) then names them once.
import { useLocation } from '@solidjs/router';
import { type Component, createMemo } from 'solid-js';
import { ActivityPage } from '../features/activity/activity-page';
import { DepartmentsPage } from '../features/admin/departments-page';
import { ProductsPage } from '../features/admin/products-page';
import { UsersPage } from '../features/admin/users-page';
import { TrashPage } from '../features/trash/trash-page';

/** Keep in step with the route's paths in app.tsx. */
const PAGES: Record<string, Component> = {
  '/admin/users': UsersPage,
  '/admin/departments': DepartmentsPage,
  '/admin/products': ProductsPage,
  '/trash': TrashPage,
  '/activity': ActivityPage,
};

export function ManagePage() {
  const location = useLocation();
  const page = createMemo(() => PAGES[location.pathname.replace(/\/$/, '')]);
  // Dynamic would do, but would add itself to the chunk every page shares.
  return (
    <>
      {(() => {
        const Page = page();
        return Page ? <Page /> : null;
      })()}
    </>
  );
}
