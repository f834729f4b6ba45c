// One warning when Redis goes, one line when every connection is back, and between them at most a reminder a
// minute, however many connections report however many failed reconnection attempts.
import { describe, expect, it } from 'vitest';
import type { Logger } from '../logger.ts';
import { createOutageLog, REMINDER_INTERVAL_MS } from './outage-log.ts';

function setUp() {
  const lines: string[] = [];
  const record = (level: string) => (message: unknown) => lines.push(`${level} ${String(message)}`);
  const logger: Logger = { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
  let now = 0;
  const log = createOutageLog({ logger, where: 'redis:6379', consequence: 'counting in memory', connections: ['a', 'b'], now: () => now });
  return { lines, log, advance: (ms: number) => (now += ms) };
}

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });

describe('Redis outage log', () => {
  it('says nothing when the connections come up at start', () => {
    const { lines, log } = setUp();
    log.up('a');
    expect(log.reachable).toBe(false);
    log.up('b');
    expect(log.reachable).toBe(true);
    expect(lines).toEqual([]);
  });

  it('warns once when Redis goes away and once when every connection is back', () => {
    const { lines, log, advance } = setUp();
    log.up('a');
    log.up('b');
    for (let attempt = 0; attempt < 50; attempt++) {
      log.down('a', refused);
      log.down('b');
      advance(200);
    }
    expect(log.reachable).toBe(false);
    log.up('a');
    expect(lines).toHaveLength(1);
    log.up('b');
    expect(lines).toEqual([
      'warn Redis at redis:6379 is unreachable (a connection: connect ECONNREFUSED 127.0.0.1:6379); counting in memory',
      'warn Redis at redis:6379 is reachable again after 10 s; counters and realtime go through it again',
    ]);
    expect(log.reachable).toBe(true);
  });

  it('reminds at most once a minute while the outage lasts', () => {
    const { lines, log, advance } = setUp();
    log.down('a', refused);
    for (let second = 1; second <= 150; second++) {
      advance(1000);
      log.down('a', refused);
    }
    expect(lines.map((line) => line.split(' (')[0])).toEqual([
      'warn Redis at redis:6379 is unreachable',
      'warn Redis at redis:6379 still unreachable after 60 s',
      'warn Redis at redis:6379 still unreachable after 120 s',
    ]);
    expect(REMINDER_INTERVAL_MS).toBe(60_000);
  });

  it('names the error code when ioredis gives an error without a message', () => {
    const { lines, log } = setUp();
    log.down('b', Object.assign(new AggregateError([]), { code: 'ECONNREFUSED' }));
    expect(lines).toEqual(['warn Redis at redis:6379 is unreachable (b connection: ECONNREFUSED); counting in memory']);
  });
});
