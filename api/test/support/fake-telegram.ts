// A fake Telegram Bot API on loopback: real HTTP, so grammY (pointed at it with apiRoot) is exercised whole.
// It records every call, answers like Telegram, and can be told to fail (500, or 429 with retry_after).
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { UserFromGetMe } from 'grammy/types';

// biome-ignore lint/suspicious/noExplicitAny: Bot API bodies are read loosely in tests; a wrong path fails the assertion that reads it.
export type FakeCall = { method: string; body: Record<string, any>; at: number; status: number; messageId?: number };

export type Failure = { status: 500 } | { status: 400 } | { status: 429; retryAfter: number };

/** What getMe answers (the fields grammY reads; the rest of UserFromGetMe does not matter here). */
export const FAKE_BOT = { id: 424242, is_bot: true as const, first_name: 'Juan365 Bot', username: 'juan365_test_bot' } as UserFromGetMe;

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

export async function startFakeTelegram() {
  const calls: FakeCall[] = [];
  let failure: Failure | null = null;
  let nextMessageId = 1000;

  const server = createServer(async (req, res) => {
    const method = (req.url ?? '').split('/').pop() ?? '';
    const body = await readJson(req);
    const call: FakeCall = { method, body, at: Date.now(), status: 200 };
    calls.push(call);
    const reply = (status: number, payload: unknown) => {
      call.status = status;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    if (failure && method !== 'getMe') {
      if (failure.status === 429) {
        return reply(429, {
          ok: false,
          error_code: 429,
          description: `Too Many Requests: retry after ${failure.retryAfter}`,
          parameters: { retry_after: failure.retryAfter },
        });
      }
      if (failure.status === 400) return reply(400, { ok: false, error_code: 400, description: 'Bad Request: chat not found' });
      return reply(500, { ok: false, error_code: 500, description: 'Internal Server Error' });
    }
    switch (method) {
      case 'getMe':
        return reply(200, { ok: true, result: FAKE_BOT });
      case 'sendMessage': {
        call.messageId = nextMessageId++;
        const chatId = Number(body.chat_id);
        const chat = chatId < 0 ? { id: chatId, type: 'supergroup', title: 'Team' } : { id: chatId, type: 'private', first_name: 'User' };
        return reply(200, { ok: true, result: { message_id: call.messageId, date: Math.floor(Date.now() / 1000), chat, text: body.text } });
      }
      default:
        return reply(200, { ok: true, result: true });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    /** Successful calls of a method, in arrival order. */
    ok: (method: string) => calls.filter((call) => call.method === method && call.status === 200),
    failWith(next: Failure | null) {
      failure = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeTelegram = Awaited<ReturnType<typeof startFakeTelegram>>;

/** Polls until the condition holds (no timing is asserted: a broken feature fails by never getting there). */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
