// Direct GraphQL reads for test set-up only (which ticket to open); everything a person does goes through
// the browser.
import { inject } from 'vitest';

export async function graphql<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const response = await fetch(`${inject('baseUrl')}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const result = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data;
}

export async function tokenFor(username: string): Promise<string> {
  const data = await graphql<{ login: { accessToken: string } }>('mutation ($input: LoginInput!) { login(input: $input) { accessToken } }', {
    input: { username, password: inject('demoPassword') },
  });
  return data.login.accessToken;
}

/** A ticket `username` may read, newest first. */
export async function someTicket(username: string): Promise<{ number: number; title: string }> {
  const data = await graphql<{ tickets: { edges: { node: { number: number; title: string } }[] } }>(
    '{ tickets(first: 1) { edges { node { number title } } } }',
    {},
    await tokenFor(username),
  );
  const ticket = data.tickets.edges[0]?.node;
  if (!ticket) throw new Error(`${username} can read no ticket`);
  return ticket;
}
