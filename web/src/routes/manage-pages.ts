// The management pages: the one list the router (app.tsx), Manage's tabs (manage.tsx) and the nav's Manage
// link (layout/main-nav.tsx) read. Their code is named in manage.tsx, which loads when one of them is opened:
// an import here would add every page's file list to every first load.
import type { Role } from '../gql/graphql';

export type ManagePage = {
  path: string;
  /** The tab's name. */
  label: string;
  /** Who sees the tab (a member reaches Activity alone, through the nav, and gets no tabs). */
  roles: readonly Role[];
};

/** Admins and department managers: who sees Manage (and, in the nav, Reports). */
export const MANAGERS: readonly Role[] = ['ADMIN', 'MANAGER'];
const ADMINS: readonly Role[] = ['ADMIN'];

/** In the tabs' order; the first is where the nav's Manage link leads. */
export const MANAGE_PAGES = [
  { path: '/admin/users', label: 'Users', roles: MANAGERS },
  { path: '/trash', label: 'Trash', roles: MANAGERS },
  { path: '/activity', label: 'Activity', roles: MANAGERS },
  { path: '/admin/webhooks', label: 'Webhooks', roles: MANAGERS },
  { path: '/admin/departments', label: 'Departments', roles: ADMINS },
  { path: '/admin/products', label: 'Products', roles: ADMINS },
  { path: '/admin/service-accounts', label: 'Service accounts', roles: ADMINS },
] as const satisfies readonly ManagePage[];

export type ManagePath = (typeof MANAGE_PAGES)[number]['path'];

export const MANAGE_PATHS: ManagePath[] = MANAGE_PAGES.map((page) => page.path);
