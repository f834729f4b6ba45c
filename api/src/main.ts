// The only file that listens on a port.
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DEMO_USERS } from './seed/demo.ts';

async function main() {
  const config = loadConfig();
  const app = await buildApp(config);
  const { url } = await app.start();
  console.log(`Juan365 Ticketing API on ${url} (${app.db.kind === 'pglite' ? 'embedded PGlite' : 'PostgreSQL'})`);
  if (app.db.kind === 'pglite' && config.seedDemoData) {
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
