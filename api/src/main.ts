// The only file that listens on a port.
import { ConfigError, loadConfig } from './config.ts';
import { openPGlite } from './db/pglite.ts';
import { decideStartup } from './startup.ts';

async function main() {
  const config = loadConfig();
  const policy = decideStartup(config);
  // Start the embedded database first and load the app meanwhile: on a new data directory both take
  // seconds, and together they decide how soon a first `npm start` serves.
  const booting = policy.database.kind === 'pglite' ? openPGlite(policy.database.dataDir, { templateDir: policy.database.templateDir }) : undefined;
  booting?.catch(() => {});
  const [{ buildApp }, { openDatabase }, { DEMO_USERS }] = await Promise.all([import('./app.ts'), import('./db/client.ts'), import('./seed/demo.ts')]);
  const database = booting ? await openDatabase({ kind: 'pglite', pglite: await booting }) : undefined;
  const app = await buildApp(config, { ...(database ? { database, ownsDatabase: true } : {}) });
  const { url } = await app.start();
  console.log(`Juan365 Ticketing API on ${url} (${app.db.kind === 'pglite' ? 'embedded PGlite' : 'PostgreSQL'})`);
  if (policy.seedAccountsBeforeListening) {
    console.log(`Web app: ${url.replace(/\/graphql$/, '/')}   GraphiQL: ${url}`);
    console.log(`Demo logins (password "${config.demoPassword}"): ${DEMO_USERS.map((user) => user.username).join(', ')}`);
  }
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    await app.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
