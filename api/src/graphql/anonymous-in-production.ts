// In production, callers without credentials get no tour of the schema: no introspection and no "Did you
// mean …?" suggestions in validation errors (GraphiQL's page is served, but explores nothing until a token is
// set in its Headers tab). Signed-in callers keep introspection: third-party tools build on it. Development keeps
// everything.
import { GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

type InitialContext = { request?: Request; connectionParams?: Record<string, unknown> };

const hasCredentials = (context: InitialContext) => Boolean(context.request?.headers.get('authorization') ?? context.connectionParams?.authorization);

function withoutSuggestion(error: Error): Error {
  const message = error.message.replace(/\s*Did you mean .+\?$/, '');
  if (message === error.message) return error;
  return error instanceof GraphQLError ? new GraphQLError(message, { nodes: error.nodes, extensions: error.extensions }) : new Error(message);
}

export function anonymousInProduction(production: boolean): Plugin {
  if (!production) return {};
  return {
    onValidate({ context, addValidationRule }) {
      if (hasCredentials(context as InitialContext)) return;
      addValidationRule(NoSchemaIntrospectionCustomRule);
      return ({ result, setResult }) => {
        if (result.length) setResult(result.map(withoutSuggestion));
      };
    },
  };
}
