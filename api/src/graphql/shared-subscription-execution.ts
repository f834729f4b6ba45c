// Subscription events are executed once per group of subscribers who would get the same answer, and that one
// result (the same object) goes to each of them. A ticket event reaching 5,000 open boards then costs one
// execution, not 5,000.
//
// Who gets the same answer is learned, not declared: each execution runs with a context that records which
// parts of it the resolvers read (`ctx.viewer.role`, `ctx.viewer.id`, …) and what they found. A result is
// handed to another subscriber only if that subscriber's context holds the same values for every part the
// execution read, so a field that shows an email only to admins and the user themselves, or the actions a
// viewer may take, can never reach someone who would have been answered differently. Services and clients
// (`sharedContextKeys`) are the same for everyone and not recorded. Which events a subscriber receives at all
// is decided before this, per subscriber, by the subscription's source stream (the read rule).
import { createSourceEventStream, type DocumentNode, type ExecutionArgs, type ExecutionResult, execute, Kind, print, visit } from 'graphql';
import { isAsyncIterable, mapAsyncIterator, type Plugin } from 'graphql-yoga';

type Reads = Map<string, unknown>;
type Entry = { reads: Reads; result: Promise<ExecutionResult> };
type Family = { key: string; learned: Set<string> | null };

/** `ctx.viewer` itself: present or not (its properties are recorded one by one). */
const VIEWER_PRESENT = Symbol('viewer present');
/** Recorded for reads no other context can be shown to share: such an execution is never shared. */
const UNMATCHABLE = Symbol('unmatchable');
/** How many operations (document + variables) keep what they learned; past it the oldest start over. */
const MAX_FAMILIES = 2_000;

export type SharedSubscriptionExecutionOptions = {
  /** Context properties that are the same for every subscriber (services, clients): reading them is free. */
  sharedContextKeys: readonly string[];
  /** The context property holding who is asking; its properties are recorded one by one. */
  viewerKey: string;
  /**
   * Subscription root fields whose resolver returns the event and ignores its arguments: their arguments
   * only shape the source stream (which events arrive), so variables used only there do not split groups.
   */
  eventOnlyRootFields: readonly string[];
};

export function useSharedSubscriptionExecution(options: SharedSubscriptionExecutionOptions): Plugin {
  const sharer = createSubscriptionSharer(options);
  return {
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(sharer.subscribe as Parameters<typeof setSubscribeFn>[0]);
    },
  };
}

export function createSubscriptionSharer(options: SharedSubscriptionExecutionOptions) {
  const shared = new Set(options.sharedContextKeys);
  const eventOnly = new Set(options.eventOnlyRootFields);
  const families = new Map<string, Family>();
  /** Per event object (the source stream's value), the executions started for it, by family and class. */
  const byEvent = new WeakMap<object, Map<string, Entry>>();
  const objectIds = new WeakMap<object, number>();
  let nextObjectId = 1;

  const readOf = (context: Record<string, unknown>, part: string): unknown => {
    if (part === options.viewerKey) return context[part] == null ? context[part] : VIEWER_PRESENT;
    const dot = part.indexOf('.');
    const head = part.slice(0, dot);
    const rest = part.slice(dot + 1);
    if (head === 'ctx') return context[rest];
    const viewer = context[options.viewerKey] as Record<string, unknown> | null | undefined;
    return viewer?.[rest];
  };

  const keyOf = (value: unknown): string => {
    if (value === VIEWER_PRESENT) return 'P';
    if ((typeof value === 'object' && value !== null) || typeof value === 'function') {
      let id = objectIds.get(value);
      if (id === undefined) {
        id = nextObjectId++;
        objectIds.set(value, id);
      }
      return `#${id}`;
    }
    return typeof value === 'string' ? JSON.stringify(value) : String(value);
  };

  /** Before anything was learned, group by every property of the viewer (sharing among one user's tabs). */
  const classKey = (family: Family, context: Record<string, unknown>): string => {
    const viewer = context[options.viewerKey];
    const parts =
      family.learned ??
      new Set([options.viewerKey, ...(viewer && typeof viewer === 'object' ? Object.keys(viewer).map((key) => `${options.viewerKey}.${key}`) : [])]);
    let key = '';
    for (const part of [...parts].sort()) key += `${part}=${keyOf(readOf(context, part))};`;
    return key;
  };

  const matches = (reads: Reads, context: Record<string, unknown>) => {
    for (const [part, value] of reads) if (!Object.is(readOf(context, part), value)) return false;
    return true;
  };

  /** The subscriber's context, seen through proxies that record each read; writes stay in this execution. */
  function trackedContext(context: Record<string, unknown>, reads: Reads): Record<string, unknown> {
    const local = new Map<PropertyKey, unknown>();
    const viewer = context[options.viewerKey];
    const recordAllOfViewer = () => {
      if (viewer && typeof viewer === 'object')
        for (const key of Object.keys(viewer)) reads.set(`${options.viewerKey}.${key}`, (viewer as Record<string, unknown>)[key]);
    };
    const viewerProxy =
      viewer && typeof viewer === 'object'
        ? new Proxy(viewer as Record<string, unknown>, {
            get(target, property) {
              const value = target[property as string];
              if (typeof property === 'string') reads.set(`${options.viewerKey}.${property}`, value);
              return value;
            },
            has(target, property) {
              recordAllOfViewer();
              return property in target;
            },
            ownKeys(target) {
              recordAllOfViewer();
              return Reflect.ownKeys(target);
            },
            set: () => false,
          })
        : viewer;
    const recordAllOfContext = () => {
      for (const key of Object.keys(context))
        if (!shared.has(key)) reads.set(key === options.viewerKey ? key : `ctx.${key}`, readOf(context, key === options.viewerKey ? key : `ctx.${key}`));
      recordAllOfViewer();
    };
    return new Proxy({} as Record<string, unknown>, {
      get(_target, property) {
        if (local.has(property)) return local.get(property);
        if (typeof property !== 'string') {
          // Nothing of ours keys the context by symbol; whatever does gets its own execution.
          reads.set(`ctx.${String(property)}`, UNMATCHABLE);
          return Reflect.get(context, property);
        }
        const value = context[property];
        if (shared.has(property)) return value;
        if (property === options.viewerKey) {
          reads.set(property, readOf(context, property));
          return viewerProxy;
        }
        reads.set(`ctx.${property}`, value);
        return value;
      },
      set(_target, property, value) {
        local.set(property, value);
        return true;
      },
      has(_target, property) {
        if (local.has(property)) return true;
        if (typeof property === 'string' && !shared.has(property)) reads.set(`ctx.${property}`, context[property]);
        return property in context;
      },
      ownKeys() {
        recordAllOfContext();
        return [...new Set([...Reflect.ownKeys(context), ...local.keys()])] as (string | symbol)[];
      },
      getOwnPropertyDescriptor(_target, property) {
        recordAllOfContext();
        if (local.has(property)) return { value: local.get(property), writable: true, enumerable: true, configurable: true };
        const descriptor = Reflect.getOwnPropertyDescriptor(context, property);
        return descriptor ? { ...descriptor, configurable: true } : undefined;
      },
    });
  }

  function run(args: ExecutionArgs, family: Family, event: unknown): Entry {
    const reads: Reads = new Map();
    const context = args.contextValue as Record<string, unknown>;
    const result = Promise.resolve(execute({ ...args, rootValue: event, contextValue: trackedContext(context, reads) })).then((value) => {
      family.learned = new Set([...(family.learned ?? []), ...reads.keys()]);
      return value;
    });
    return { reads, result };
  }

  async function executeShared(args: ExecutionArgs, family: Family, event: unknown): Promise<ExecutionResult> {
    if (typeof event !== 'object' || event === null) return run(args, family, event).result;
    const context = args.contextValue as Record<string, unknown>;
    let started = byEvent.get(event);
    if (!started) {
      started = new Map();
      byEvent.set(event, started);
    }
    if (!family.learned) {
      // Nothing learned yet about who may share: everyone waits for the first execution and takes its
      // answer if it applies to them; the rest are grouped by what it read.
      const firstKey = `${family.key}\u0001first`;
      const first = started.get(firstKey);
      if (!first) {
        const own = run(args, family, event);
        started.set(firstKey, own);
        return own.result;
      }
      const result = await first.result;
      if (matches(first.reads, context)) return result;
    }
    const key = `${family.key}\u0001${classKey(family, context)}`;
    const entry = started.get(key);
    if (entry) {
      const result = await entry.result;
      // The group was a guess from earlier events; what this execution actually read decides.
      if (matches(entry.reads, context)) return result;
      return run(args, family, event).result;
    }
    const own = run(args, family, event);
    started.set(key, own);
    return own.result;
  }

  function familyOf(args: ExecutionArgs): Family {
    const key = `${args.operationName ?? ''}\u0000${sourceOf(args.document)}\u0000${JSON.stringify(relevantVariables(args, eventOnly))}`;
    let family = families.get(key);
    if (!family) {
      if (families.size >= MAX_FAMILIES) families.delete(families.keys().next().value as string);
      family = { key, learned: null };
      families.set(key, family);
    }
    return family;
  }

  return {
    async subscribe(args: ExecutionArgs) {
      const stream = await createSourceEventStream(args);
      if (!isAsyncIterable(stream)) return stream;
      const family = familyOf(args);
      return mapAsyncIterator(stream, (event: unknown) => executeShared(args, family, event));
    },
  };
}

const sources = new WeakMap<DocumentNode, string>();
function sourceOf(document: DocumentNode): string {
  let source = sources.get(document);
  if (source === undefined) {
    source = print(document);
    sources.set(document, source);
  }
  return source;
}

/** The variables the execution of one event can see: all but those used only in event-only root arguments. */
function relevantVariables(args: ExecutionArgs, eventOnly: ReadonlySet<string>): Record<string, unknown> {
  const values = (args.variableValues ?? {}) as Record<string, unknown>;
  const used = new Set<string>();
  const operation = args.document.definitions.find(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION && (args.operationName == null || definition.name?.value === args.operationName),
  );
  const collect = (node: Parameters<typeof visit>[0]) => visit(node, { Variable: (variable) => void used.add(variable.name.value) });
  for (const definition of args.document.definitions) {
    if (definition !== operation) {
      collect(definition);
      continue;
    }
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const directive of definition.directives ?? []) collect(directive);
    for (const selection of definition.selectionSet.selections) {
      if (selection.kind === Kind.FIELD && eventOnly.has(selection.name.value)) {
        for (const directive of selection.directives ?? []) collect(directive);
        if (selection.selectionSet) collect(selection.selectionSet);
      } else {
        collect(selection);
      }
    }
  }
  return Object.fromEntries(
    Object.keys(values)
      .filter((name) => used.has(name))
      .sort()
      .map((name) => [name, values[name]]),
  );
}
