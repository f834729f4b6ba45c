// Third-party tools talk to the same endpoint as the web client: it must follow the GraphQL over HTTP spec.
import { auditServer } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('GraphQL over HTTP (graphql-http audit)', () => {
  it('passes every MUST and SHOULD audit', async () => {
    const results = await auditServer({ url: t.url });
    const failures = results.filter((result) => result.status !== 'ok' && !result.name.startsWith('MAY'));
    expect(failures.map((failure) => `${failure.name}: ${'reason' in failure ? failure.reason : ''}`)).toEqual([]);
    expect(results.length).toBeGreaterThan(50);
  });
});
