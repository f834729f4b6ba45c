import type { Role } from '../gql/graphql';

const ROLE_LABELS: Record<Role, string> = {
  ADMIN: 'Admin',
  MANAGER: 'Manager',
  MEMBER: 'Member',
};

export function RoleBadge(props: { role: Role }) {
  return <span class={`badge badge-role-${props.role.toLowerCase()}`}>{ROLE_LABELS[props.role]}</span>;
}
