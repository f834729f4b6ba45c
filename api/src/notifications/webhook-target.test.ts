// The SSRF guard's address classes, and the agent refusing a loopback connection it was asked to make.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { createTargetAgent } from './webhook-agent.ts';
import { checkTarget, refusedRange, TargetRefusedError } from './webhook-target.ts';

describe('refusedRange', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['10.0.0.5', 'private'],
    ['172.16.3.4', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['2002:7f00:1::', '6to4'],
    ['::7f00:1', 'non-global IPv6'],
    ['::a9fe:a9fe', 'non-global IPv6'],
    ['4000::1', 'non-global IPv6'],
  ])('%s is refused (%s)', (address, range) => {
    expect(refusedRange(address)).toBe(range);
  });

  it.each(['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('%s is public', (address) => {
    expect(refusedRange(address)).toBeNull();
  });
});

describe('checkTarget', () => {
  it('refuses loopback literals and names unless private targets are allowed', async () => {
    await expect(checkTarget(new URL('http://127.0.0.1:8080/'), false)).rejects.toThrow(TargetRefusedError);
    await expect(checkTarget(new URL('http://[::1]/'), false)).rejects.toThrow(/loopback/);
    await expect(checkTarget(new URL('http://localhost/'), false)).rejects.toThrow('localhost does not resolve to a public address');
    await expect(checkTarget(new URL('http://127.0.0.1:8080/'), true)).resolves.toBeUndefined();
  });

  it("says the same of a name that resolves privately and one that does not resolve: no map of the server's DNS", async () => {
    const privately = await checkTarget(new URL('http://localhost/'), false).catch((error: Error) => error.message);
    const nowhere = await checkTarget(new URL('http://no-such-host.invalid/'), false).catch((error: Error) => error.message);
    expect(privately).toBe('localhost does not resolve to a public address, which webhooks require.');
    expect(nowhere).toBe('no-such-host.invalid does not resolve to a public address, which webhooks require.');
    expect(privately).not.toContain('127.0.0.1');
  });
});

describe('the delivery agent', () => {
  it('connects only to checked addresses: a name that resolves to loopback never reaches the server', async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits += 1;
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const guarded = createTargetAgent({ allowPrivate: false, connectTimeoutMs: 2_000 });
    const open = createTargetAgent({ allowPrivate: true, connectTimeoutMs: 2_000 });
    try {
      await expect(request(`http://localhost:${port}/`, { dispatcher: guarded })).rejects.toThrow(/does not resolve to a public address/);
      expect(hits).toBe(0);
      const allowed = await request(`http://localhost:${port}/`, { dispatcher: open });
      expect(await allowed.body.text()).toBe('ok');
      expect(hits).toBe(1);
    } finally {
      await Promise.all([guarded.close(), open.close()]);
      server.close();
    }
  });
});
