// Used by `prisma generate` (and by a team that has the native Prisma CLI). No env('DATABASE_URL') here:
// it would throw during generate when the variable is unset, as in CI.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
