// Where a webhook may send (SSRF guard). A webhook's URL is chosen by its owner, and the server sends from inside
// the network: without a guard anyone allowed a webhook could make it POST to the database, the cloud's metadata
// service (169.254.169.254) or an admin page on localhost, and read the answer in the delivery log. So a host is
// resolved with DNS and every address it resolves to must be public unicast: loopback, private, link-local,
// unique-local, carrier-grade NAT, multicast, unspecified, reserved, and IPv6 forms that embed an IPv4 address
// (IPv4-mapped, 6to4, Teredo, NAT64) are refused (ipaddr.js classifies; anything it does not call "unicast" is
// refused). The check happens when a webhook is created or its URL changed (a clear BAD_USER_INPUT) and again at
// every send, inside the connection itself: the HTTP agent's `lookup` (webhook-agent.ts) is this module's
// resolveTarget, so the socket connects to the very address that was checked, and a DNS answer that changes
// between a check and the connect (DNS rebinding) cannot slip through. WEBHOOK_ALLOW_PRIVATE_TARGETS=true turns the refusal off (tests, a closed network).
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

export class TargetRefusedError extends Error {}

/** Why an address may not be reached, or null when it is public unicast. */
export function refusedRange(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  if (range !== 'unicast') return range;
  // ipaddr.js calls every IPv6 address it has no name for "unicast", the deprecated IPv4-compatible ::/96 (::7f00:1
  // is 127.0.0.1 on some stacks) included: of IPv6 only global unicast (2000::/3) is public.
  if (parsed.kind() === 'ipv6' && !parsed.match(GLOBAL_UNICAST_V6)) return 'non-global IPv6';
  return null;
}

const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3') as [ipaddr.IPv6, number];

/**
 * An IP literal's refusal names its range (the caller wrote it); a name's does not say what it resolved to, nor
 * whether it resolved at all: the answer would map the server's internal DNS for whoever may create a webhook.
 */
function refusal(hostname: string, address: string, range: string): TargetRefusedError {
  if (hostname !== address) return unreachableName(hostname);
  return new TargetRefusedError(`${address} is a ${range} address, which webhooks may not reach (only public addresses).`);
}

const unreachableName = (hostname: string) => new TargetRefusedError(`${hostname} does not resolve to a public address, which webhooks require.`);

type Resolved = { address: string; family: number };

/** Every address of the host, each checked; refuses the host if any of them is not public (unless allowPrivate). */
export function resolveTarget(hostname: string, allowPrivate: boolean): Promise<Resolved[]> {
  const host = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return new Promise((resolve, reject) => {
    dnsLookup(host, { all: true, verbatim: true }, (error, addresses: LookupAddress[]) => {
      if (error || !addresses.length) return reject(unreachableName(host));
      if (!allowPrivate) {
        for (const { address } of addresses) {
          const range = refusedRange(address);
          if (range) return reject(refusal(host, address, range));
        }
      }
      resolve(addresses.map(({ address, family }) => ({ address, family })));
    });
  });
}

/** Checks a webhook URL's host (an IP literal or a name resolved now); throws TargetRefusedError with the reason. */
export async function checkTarget(url: URL, allowPrivate: boolean): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    const range = allowPrivate ? null : refusedRange(host);
    if (range) throw refusal(host, host, range);
    return;
  }
  await resolveTarget(host, allowPrivate);
}
