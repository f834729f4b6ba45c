// Who is asking. Plain data: the GraphQL context builds it from a verified token and the user's row.

export type Role = 'ADMIN' | 'MANAGER' | 'MEMBER';

export type Viewer = {
  id: string;
  username: string;
  role: Role;
  departmentId: string | null;
  /** The viewer belongs to the Creative department (the second approval step and the makers). */
  inCreativeDepartment: boolean;
};

export const isAdmin = (viewer: Viewer) => viewer.role === 'ADMIN';
export const isManager = (viewer: Viewer) => viewer.role === 'MANAGER';
export const isCreativeManager = (viewer: Viewer) => viewer.role === 'MANAGER' && viewer.inCreativeDepartment;
