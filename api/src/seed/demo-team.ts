// The demo team: the contract's departments and people. Its own module because the tickets, their story and
// the driver all name people by username, and the seed (demo.ts) uses all of them.
import type { Role } from '../domain/viewer.ts';

export const DEMO_DEPARTMENTS = [
  { name: 'Creative', isCreative: true },
  { name: 'Marketing', isCreative: false },
  { name: 'Sales', isCreative: false },
] as const;

export type DemoDepartment = (typeof DEMO_DEPARTMENTS)[number]['name'];

export const DEMO_USERS = [
  { username: 'admin', displayName: 'Ada Admin', role: 'ADMIN', department: null },
  { username: 'creative.manager', displayName: 'Cora Creative', role: 'MANAGER', department: 'Creative' },
  { username: 'marketing.manager', displayName: 'Mark Marketing', role: 'MANAGER', department: 'Marketing' },
  { username: 'sales.manager', displayName: 'Sam Sales', role: 'MANAGER', department: 'Sales' },
  { username: 'designer', displayName: 'Dana Designer', role: 'MEMBER', department: 'Creative' },
  { username: 'designer2', displayName: 'Drew Designer', role: 'MEMBER', department: 'Creative' },
  { username: 'marketer', displayName: 'Mia Marketer', role: 'MEMBER', department: 'Marketing' },
  { username: 'seller', displayName: 'Sol Seller', role: 'MEMBER', department: 'Sales' },
] as const satisfies readonly { username: string; displayName: string; role: Role; department: DemoDepartment | null }[];

export type DemoUsername = (typeof DEMO_USERS)[number]['username'];
