// Webhook deliveries survive a crash of the built server: a change is committed, its delivery is on its way to
// the receiver, and the process is killed with SIGKILL before the receiver answers. Started again on the same
// PostgreSQL, the server sends the delivery once its dead predecessor's lease ends: the same webhook-id and bytes,
// signed, and the delivery ends SUCCEEDED. (The bundle also proves standardwebhooks, undici and ipaddr.js load.)
import { Webhook as Verifier } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoAccounts } from '../../src/seed/demo.ts';
import { BUILT_DEMO_PASSWORD, type BuiltServer, cleanUpBuiltServers, freePort, startBuiltServer } from '../support/built-server.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { createTicket, rawId } from '../support/tickets.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';
import { sleep } from '../support/ws.ts';

// A one-second attempt timeout makes the lease five seconds (app.ts), so the restarted server takes over quickly.
const ENV = { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_TIMEOUT_SECONDS: '1' };

let database: TestDatabase;
let receiver: WebhookReceiver;
let server: BuiltServer | undefined;

beforeAll(async () => {
  database = await createTestDatabase({ engine: 'postgres', poolSize: 2 });
  await seedDemoAccounts(database.prisma, { password: BUILT_DEMO_PASSWORD });
  receiver = await startWebhookReceiver();
});

afterAll(async () => {
  await server?.stop();
  await cleanUpBuiltServers();
  await receiver?.close();
  await database?.drop();
});

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('a webhook delivery across kill -9', () => {
  it('is sent again after a restart and succeeds: nothing committed is lost', async () => {
    const port = await freePort();
    server = await startBuiltServer({ database, env: ENV, port });
    const manager = await server.login('marketing.manager');
    const { createWebhook } = await server.ok(
      `mutation ($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { id } } }`,
      { input: { url: `${receiver.origin}/crash`, events: ['CREATED'] } },
      manager.accessToken,
    );
    // The first attempt never gets an answer: the process dies while it waits.
    let hold = true;
    receiver.on('/crash', () => (hold ? { hang: true } : { status: 204 }));
    const marketer = await server.login('marketer');
    const ticket = await createTicket(server, marketer.accessToken, { title: 'Survives a crash' });
    await until('the first attempt', async () => receiver.to('/crash').length === 1);
    server.child.kill('SIGKILL');
    await new Promise((resolve) => server!.child.once('exit', resolve));
    const webhookId = rawId(createWebhook.webhook.id);
    const [pending] = await database.prisma.webhookDelivery.findMany({ where: { webhookId } });
    expect(pending).toMatchObject({ status: 'PENDING', attempts: 0 });
    expect(pending!.requestBody).not.toBeNull();

    hold = false;
    server = await startBuiltServer({ database, env: ENV, port });
    const delivered = await until('the delivery after the restart', async () => {
      const [row] = await database.prisma.webhookDelivery.findMany({ where: { webhookId } });
      return row?.status === 'SUCCEEDED' ? row : null;
    });
    expect(delivered.responseStatus).toBe(204);
    const requests = receiver.to('/crash');
    expect(requests.length).toBeGreaterThanOrEqual(2);
    // The same message both times, and it is the ticket's creation, signed with the secret shown once.
    expect(new Set(requests.map((request) => request.headers['webhook-id']))).toEqual(new Set([delivered.messageId]));
    expect(new Set(requests.map((request) => request.body)).size).toBe(1);
    const last = requests.at(-1)!;
    const payload = new Verifier(createWebhook.secret).verify(last.body, last.headers as Record<string, string>) as {
      type: string;
      data: { ticket: { id: string } };
    };
    expect(payload).toMatchObject({ type: 'ticket.created', data: { ticket: { id: ticket.id } } });
  });
});
