// Who is asking. Plain data: the GraphQL context builds it from a verified token and the user's row.

import type { Role } from './vocabulary.ts';

export type { Role };

export type Viewer = {
  id: string;
  username: string;
  role: Role;
  departmentId: string | null;
  /** The viewer belongs to the Creative department (the second approval step and the makers). */
  inCreativeDepartment: boolean;
};

/** The viewer a user row stands for (its department says whether it is the Creative one). */
export function viewerOf(user: { id: string; username: string; role: Role; departmentId: string | null; department: { isCreative: boolean } | null }): Viewer {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    departmentId: user.departmentId,
    inCreativeDepartment: user.department?.isCreative ?? false,
  };
}

export const isAdmin = (viewer: Viewer) => viewer.role === 'ADMIN';
export const isManager = (viewer: Viewer) => viewer.role === 'MANAGER';
export const isCreativeManager = (viewer: Viewer) => viewer.role === 'MANAGER' && viewer.inCreativeDepartment;
