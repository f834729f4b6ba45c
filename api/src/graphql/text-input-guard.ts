// Refuses unstorable text (NUL, unpaired surrogates, beyond the ceiling length) anywhere in a request as the
// client's mistake, BAD_USER_INPUT with the variable or argument named, before any resolver runs. Without it,
// such text reached PostgreSQL and came back as a masked server error. Applies to HTTP and WebSocket alike
// (both run through the same envelop hooks). The same walk refuses variables nested deeper than MAX_INPUT_DEPTH
// (it is the first to walk them, before graphql-js coerces them) and never reads an uploaded file's bytes.
import { type ASTNode, type ExecutionResult, GraphQLError, Kind, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { findTextProblem, textProblem } from '../domain/text.ts';

function refusal(path: string, problem: string, nodes?: ASTNode[]): GraphQLError {
  return new GraphQLError(`${path} ${problem}.`, { nodes, extensions: { code: 'BAD_USER_INPUT', field: path } });
}

/** The argument or input field a literal belongs to, as `title` or `input.title`. */
function literalPath(ancestors: readonly (ASTNode | readonly ASTNode[])[]): string {
  const names = ancestors
    .filter((node): node is ASTNode => !Array.isArray(node) && 'kind' in node)
    .filter((node) => node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD)
    .map((node) => (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD ? node.name.value : ''));
  return names.join('.') || 'a text literal';
}

/** Text written into the document itself (`title: "…"`), checked while it is validated. */
const textLiteralRule: ValidationRule = (context) => ({
  StringValue(node, _key, _parent, _path, ancestors) {
    const problem = textProblem(node.value);
    if (problem) context.reportError(refusal(literalPath(ancestors), problem, [node]));
  },
});

function variablesRefusal(variables: unknown): ExecutionResult | null {
  const found = findTextProblem(variables ?? {}, '');
  return found ? { errors: [refusal(`Variable $${found.path}`, found.problem)] } : null;
}

export function textInputGuard(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(textLiteralRule);
    },
    onExecute({ args, setResultAndStopExecution }) {
      const refused = variablesRefusal(args.variableValues);
      if (refused) setResultAndStopExecution(refused);
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const refused = variablesRefusal(args.variableValues);
      if (refused) setResultAndStopExecution(refused);
    },
  };
}
