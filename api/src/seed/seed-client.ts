// The Prisma client the real services get while the seed plays the demo. Its $transaction joins the seed's one
// transaction: all of the seed commits or none of it, and no step pays for a commit of its own. Reads of the
// directory tables, which nothing changes while the tickets are played, are answered from memory after the
// first time (a fifth of the seed's statements). The services write exactly what they would write otherwise.
import type { Prisma, PrismaClient } from '../db/generated/prisma/client.ts';

/** Tables the ticket and comment services only read: departments, people, preferences, SLA rules, catalogue. */
const DIRECTORY_MODELS = new Set<PropertyKey>(['department', 'user', 'notificationPreference', 'slaRule', 'product']);
const READS = new Set<PropertyKey>(['findMany', 'findFirst', 'findFirstOrThrow', 'findUnique', 'findUniqueOrThrow', 'count']);

type Method = (...args: unknown[]) => unknown;

export function seedClient(tx: Prisma.TransactionClient): PrismaClient {
  const answers = new Map<string, Promise<unknown>>();

  const remembering = (model: string, delegate: object) =>
    new Proxy(delegate, {
      get(target, method) {
        const original = Reflect.get(target, method) as unknown;
        if (typeof original !== 'function') return original;
        const call = (args: unknown[]) => (original as Method).apply(target, args);
        if (!READS.has(method)) {
          // A write to the directory (the catalogue at setup) makes every remembered answer suspect.
          return (...args: unknown[]) => {
            answers.clear();
            return call(args);
          };
        }
        return (...args: unknown[]) => {
          const key = `${model}.${String(method)} ${JSON.stringify(args)}`;
          let answer = answers.get(key);
          if (!answer) {
            answer = Promise.resolve(call(args));
            answers.set(key, answer);
          }
          // Each caller gets its own copy, as from the database.
          return answer.then((value) => structuredClone(value));
        };
      },
    });

  const delegates = new Map<PropertyKey, object>();
  const join = (work: (inner: Prisma.TransactionClient) => Promise<unknown>) => work(client);
  const client: Prisma.TransactionClient = new Proxy(tx, {
    get(target, key) {
      if (key === '$transaction') return join;
      const value = Reflect.get(target, key) as unknown;
      if (!DIRECTORY_MODELS.has(key) || typeof value !== 'object' || value === null) return value;
      if (!delegates.has(key)) delegates.set(key, remembering(String(key), value));
      return delegates.get(key);
    },
  });
  return client as unknown as PrismaClient;
}
