// The HTTP side of webhook deliveries (undici), in a module of its own: the dispatcher imports it with its first
// send, so an instance that never sends a webhook never loads undici (≈0.1 s of CPU at every start otherwise).
import type { LookupAddress } from 'node:dns';
import { Agent, request } from 'undici';
import { resolveTarget } from './webhook-target.ts';

export { request };

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * The agent every delivery goes through: its connections look hosts up with resolveTarget, so they reach only
 * addresses that passed the check. (An IP literal is not looked up by the socket: the dispatcher checks it with
 * checkTarget before sending.) Redirects are never followed: undici's request() does not follow them.
 */
export function createTargetAgent(options: { allowPrivate: boolean; connectTimeoutMs: number }): Agent {
  const lookup = (hostname: string, lookupOptions: { all?: boolean }, callback: LookupCallback) => {
    resolveTarget(hostname, options.allowPrivate).then(
      (addresses) => {
        const [first] = addresses;
        if (lookupOptions.all) callback(null, addresses);
        else if (first) callback(null, first.address, first.family);
      },
      (error: Error) => callback(Object.assign(error, { code: 'EWEBHOOKTARGET' }), lookupOptions.all ? [] : ''),
    );
  };
  return new Agent({
    connect: { lookup: lookup as never, timeout: options.connectTimeoutMs },
    // An endpoint gets a handful of kept-alive sockets: the dispatcher sends it at most perEndpointConcurrency (4) at once.
    connections: 4,
    keepAliveTimeout: 10_000,
  });
}
