// A fake Telegram Bot API on loopback: real HTTP, so grammY (pointed at it with apiRoot) is exercised whole.
// It records every call, answers like Telegram, and can be told to fail (500, or 429 with retry_after).
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { UserFromGetMe } from 'grammy/types';

/** A file uploaded with a call (multipart/form-data, as grammY sends an InputFile). */
export type FakeUpload = { field: string; fileName: string; bytes: Buffer };

// biome-ignore lint/suspicious/noExplicitAny: Bot API bodies are read loosely in tests; a wrong path fails the assertion that reads it.
export type FakeCall = { method: string; body: Record<string, any>; files: FakeUpload[]; at: number; status: number; messageId?: number };

export type Failure = { status: 500 } | { status: 400 } | { status: 429; retryAfter: number };

/** What getMe answers (the fields grammY reads; the rest of UserFromGetMe does not matter here). */
export const FAKE_BOT = { id: 424242, is_bot: true as const, first_name: 'Juan365 Bot', username: 'juan365_test_bot' } as UserFromGetMe;

/** A call's parameters: JSON, or multipart form data when it uploads files. */
async function readBody(req: IncomingMessage): Promise<{ body: Record<string, unknown>; files: FakeUpload[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const boundary = /^multipart\/form-data;\s*boundary=(.+)$/.exec(req.headers['content-type'] ?? '')?.[1];
  if (!boundary) return { body: raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {}, files: [] };
  return readMultipart(raw, boundary);
}

/**
 * Telegram's reading of multipart bodies, which is looser than the platform's FormData parser: grammY writes
 * `filename=name.png` unquoted, which undici refuses.
 */
function readMultipart(raw: Buffer, boundary: string): { body: Record<string, unknown>; files: FakeUpload[] } {
  const body: Record<string, unknown> = {};
  const files: FakeUpload[] = [];
  const delimiter = Buffer.from(`--${boundary}`);
  let at = raw.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (raw.subarray(start, start + 2).toString() === '--') break;
    const headersEnd = raw.indexOf('\r\n\r\n', start);
    const next = raw.indexOf(delimiter, headersEnd);
    if (headersEnd === -1 || next === -1) break;
    const headers = raw.subarray(start, headersEnd).toString('utf8');
    const content = raw.subarray(headersEnd + 4, next - 2); // the part ends with CRLF before the delimiter
    const field = /name="?([^";\r\n]+)"?/i.exec(headers.replace(/filename=[^;\r\n]*/i, ''))?.[1] ?? '';
    const fileName = /filename="?([^";\r\n]+)"?/i.exec(headers)?.[1];
    if (fileName !== undefined) files.push({ field, fileName, bytes: Buffer.from(content) });
    else body[field] = content.toString('utf8');
    at = next;
  }
  return { body, files };
}

export async function startFakeTelegram() {
  const calls: FakeCall[] = [];
  let failure: Failure | null = null;
  let nextMessageId = 1000;

  const server = createServer(async (req, res) => {
    const method = (req.url ?? '').split('/').pop() ?? '';
    const { body, files } = await readBody(req);
    const call: FakeCall = { method, body, files, at: Date.now(), status: 200 };
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
      case 'sendPhoto': {
        // grammY uploads an InputFile as attach://<id>, the bytes in the part of that name.
        call.messageId = nextMessageId++;
        const chatId = Number(body.chat_id);
        const chat = chatId < 0 ? { id: chatId, type: 'supergroup', title: 'Team' } : { id: chatId, type: 'private', first_name: 'User' };
        const photo = [{ file_id: `photo-${call.messageId}`, file_unique_id: `p${call.messageId}`, width: 0, height: 0 }];
        return reply(200, { ok: true, result: { message_id: call.messageId, date: Math.floor(Date.now() / 1000), chat, photo, caption: body.caption } });
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
