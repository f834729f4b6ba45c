// A one-time password (an admin's reset, the one create-admin prints) is a credential for one thing: choosing
// a real password. Until then an operation may name only the root fields below; any other root field refuses
// the whole operation with PASSWORD_CHANGE_REQUIRED, one error per refused field (at its path). One check for
// queries, mutations and subscriptions alike, over HTTP and graphql-ws: it runs before execution and before
// `subscribe` (which shield never wraps). The HTTP side routes refuse through context.ts's
// refuseOneTimePasswords.
import { type DocumentNode, type FieldNode, type GraphQLError, getOperationAST, Kind, locatedError, type SelectionSetNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.ts';
import { PasswordChangeRequiredError } from '../domain/errors.ts';
import { toPublicError } from './errors.ts';

/**
 * Who am I, change the password, leave. `login` and `refreshToken` act for no viewer (they prove their own
 * credential), so a client keeps its session alive and can switch accounts while the change is pending.
 */
export const OPEN_UNTIL_PASSWORD_CHANGED: ReadonlySet<string> = new Set(['viewer', 'changePassword', 'logout', 'login', 'refreshToken']);

/** The root fields an operation selects, through fragments and inline fragments (directives ignored: a skipped field still counts). */
export function rootFields(document: DocumentNode, operationName: string | null | undefined): FieldNode[] {
  const operation = getOperationAST(document, operationName);
  if (!operation) return [];
  const fragments = new Map(
    document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition]] : [])),
  );
  const seen = new Set<string>();
  const collect = (selectionSet: SelectionSetNode): FieldNode[] =>
    selectionSet.selections.flatMap((selection) => {
      if (selection.kind === Kind.FIELD) return [selection];
      if (selection.kind === Kind.INLINE_FRAGMENT) return collect(selection.selectionSet);
      const fragment = fragments.get(selection.name.value);
      if (!fragment || seen.has(fragment.name.value)) return [];
      seen.add(fragment.name.value);
      return collect(fragment.selectionSet);
    });
  return collect(operation.selectionSet);
}

/** Introspection (`__schema`, `__type`, `__typename`) describes the API, not its data: always open. */
const isOpen = (field: FieldNode) => field.name.value.startsWith('__') || OPEN_UNTIL_PASSWORD_CHANGED.has(field.name.value);

export function passwordChangeGate(): Plugin<Context> {
  const refuse = ({
    args,
    setResultAndStopExecution,
  }: {
    args: { contextValue: unknown; document: DocumentNode; operationName?: string | null | undefined };
    setResultAndStopExecution: (result: { errors: readonly GraphQLError[] }) => void;
  }) => {
    if (!(args.contextValue as Context).mustChangePassword) return;
    const refused = rootFields(args.document, args.operationName).filter((field) => !isOpen(field));
    if (!refused.length) return;
    setResultAndStopExecution({
      // Mapped here: a result set before execution passes no other plugin, Yoga's error masking included.
      errors: refused.map((field) => toPublicError(locatedError(new PasswordChangeRequiredError(), [field], [field.alias?.value ?? field.name.value]))),
    });
  };
  return { onExecute: refuse, onSubscribe: refuse };
}
