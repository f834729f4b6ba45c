// A real urql client whose "server" is a function: component tests answer operations by name without a
// network, and can see what was sent.
import { Client, fetchExchange, subscriptionExchange } from '@urql/core';

export type SentOperation = { operationName: string; variables: Record<string, unknown> };
export type Responder = (operation: SentOperation) => { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };

/** The `input` variable of the first operation of that name the fake client was sent, if any. */
export const sentInput = (sent: readonly SentOperation[], name: string) => sent.find((operation) => operation.operationName === name)?.variables.input;

export function fakeClient(respond: Responder): { client: Client; sent: SentOperation[] } {
  const sent: SentOperation[] = [];
  const fetch = async (_input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const body = JSON.parse(String(init?.body)) as { operationName: string; variables?: Record<string, unknown> };
    const operation = { operationName: body.operationName, variables: body.variables ?? {} };
    sent.push(operation);
    return new Response(JSON.stringify(respond(operation)), { headers: { 'content-type': 'application/json' } });
  };
  // Subscriptions are accepted and stay silent: the live events a component gets are not these tests' subject.
  const silentSubscriptions = subscriptionExchange({ forwardSubscription: () => ({ subscribe: () => ({ unsubscribe: () => undefined }) }) });
  const client = new Client({ url: 'http://test.invalid/graphql', exchanges: [silentSubscriptions, fetchExchange], fetch, preferGetMethod: false });
  return { client, sent };
}
