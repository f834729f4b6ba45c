// What the access line of a GraphQL HTTP request says beyond method, path and status (http/request-id.ts): the
// operation's name (the caller's choice, so the access line cuts it short; metrics never use it raw) and the
// signed-in user who ran it. Over WebSocket, realtime/ws-server.ts logs the connection instead.
import type { IncomingMessage } from 'node:http';
import { type DocumentNode, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context, ServerContext } from '../context.ts';
import { noteAccess } from '../http/request-id.ts';

type OperationArgs = { document: DocumentNode; operationName?: string | null | undefined; contextValue: unknown };

export function accessFields(): Plugin<Context, ServerContext> {
  const noteOperation = (args: OperationArgs) => {
    const context = args.contextValue as Partial<Context> & { req?: IncomingMessage; request?: Request };
    if (!context.req || !context.request) return;
    const operationName = getOperationAST(args.document, args.operationName)?.name?.value ?? args.operationName ?? undefined;
    noteAccess(context.req, { operationName, userId: context.viewer?.id });
  };
  return {
    // As sent, also when the document is then refused (a parse or validation error runs no operation).
    onParams: ({ params, context }) => {
      if (context.req && typeof params.operationName === 'string') noteAccess(context.req, { operationName: params.operationName });
    },
    onExecute: ({ args }) => noteOperation(args),
    onSubscribe: ({ args }) => noteOperation(args),
  };
}
