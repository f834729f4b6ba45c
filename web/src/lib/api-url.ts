// The API lives on the same origin as the app: the API server serves web/dist in production and Vite's
// dev server proxies these paths to it in development (web/vite.config.ts).

export const graphqlUrl = '/graphql';

/** graphql-ws endpoint: the same path over ws: or wss:, following the page's protocol. */
export function graphqlSocketUrl(): string {
  const url = new URL(graphqlUrl, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}
