import type { OperationResult } from '@urql/core';
import { useClient } from '@urql/solid';
import { createContext, createSignal, lazy, onCleanup, type ParentProps, Show, Suspense, useContext } from 'solid-js';
import type { TicketStatus } from '../../gql/graphql';
import { ACTIONS, type ActionInput, EMPTY_INPUT, needsDialog, type RunnableAction } from './action-rules';
import './ticket-actions.css';

// The dialog and the mutations (eleven documents) load when the first action runs, not with every page: the
// shell that hosts this provider is part of the first load of every page.
const ActionDialog = lazy(() => import('./action-dialog').then((module) => ({ default: module.ActionDialog })));
const loadRunner = () => import('./run-action');

/** Long enough to read the confirmation, short enough not to linger over the next thing. */
const DONE_VISIBLE_MS = 4000;

/** What the runner needs to know about the ticket: who it is, and the version (and status) the viewer saw. */
export type ActionTicket = { id: string; number: number; title: string; version: number; status?: TicketStatus };

export type ActionOutcome = 'done' | 'cancelled' | 'failed';

export type TicketActionRunner = {
  /**
   * Runs the action on the ticket: asks for what it needs in a dialog (or runs at once when it needs
   * nothing), sends it with `expectedVersion`, and explains a refusal. Resolves when finished.
   */
  run: (ticket: ActionTicket, action: RunnableAction) => Promise<ActionOutcome>;
  /** The ticket id an action is being sent for right now (to show a spinner on that card), if any. */
  pendingTicketId: () => string | undefined;
};

const RunnerContext = createContext<TicketActionRunner>();

type OpenDialog = { ticket: ActionTicket; action: RunnableAction; finish: (outcome: ActionOutcome) => void };

/** Hosts the one action dialog and the notice for actions without a dialog. Wrap signed-in pages in it. */
export function TicketActionProvider(props: ParentProps) {
  const client = useClient();
  const [dialog, setDialog] = createSignal<OpenDialog>();
  const [pendingTicketId, setPendingTicketId] = createSignal<string>();
  const [notice, setNotice] = createSignal<string>();
  const [done, setDone] = createSignal<string>();
  let doneTimer: ReturnType<typeof setTimeout> | undefined;
  /** Says for a few seconds that the action went through (politely: it does not interrupt). */
  const confirmDone = (ticket: ActionTicket, action: RunnableAction) => {
    clearTimeout(doneTimer);
    setDone(ACTIONS[action].done(ticket.number));
    doneTimer = setTimeout(() => setDone(undefined), DONE_VISIBLE_MS);
  };
  onCleanup(() => clearTimeout(doneTimer));

  /** Sends once; on refusal says why and reloads the ticket when it changed, returning the message. */
  const send = async (ticket: ActionTicket, action: RunnableAction, input: ActionInput): Promise<string | undefined> => {
    setPendingTicketId(ticket.id);
    let result: OperationResult;
    try {
      const { runActionMutation } = await loadRunner();
      result = await runActionMutation(client, action, ticket, input);
    } finally {
      setPendingTicketId(undefined);
    }
    if (!result.error) {
      confirmDone(ticket, action);
      return undefined;
    }
    const { explainTicketError, reloadTicket } = await loadRunner();
    const explained = explainTicketError(result.error);
    if (explained.reload) {
      const version = await reloadTicket(client, ticket.id);
      // The dialog keeps what was typed; the next try carries the version just loaded.
      if (version !== undefined) ticket.version = version;
    }
    return explained.message;
  };

  const run = (ticket: ActionTicket, action: RunnableAction): Promise<ActionOutcome> => {
    const target = { ...ticket };
    setNotice(undefined);
    setDone(undefined);
    if (!needsDialog(action)) {
      return send(target, action, EMPTY_INPUT).then((message) => {
        if (!message) return 'done';
        setNotice(`${ACTIONS[action].label} #${ticket.number}: ${message}`);
        return 'failed';
      });
    }
    dialog()?.finish('cancelled');
    return new Promise((resolve) => setDialog({ ticket: target, action, finish: resolve }));
  };

  const close = (outcome: ActionOutcome) => {
    const open = dialog();
    setDialog(undefined);
    open?.finish(outcome);
  };

  return (
    <RunnerContext.Provider value={{ run, pendingTicketId }}>
      {props.children}
      <Show when={dialog()} keyed>
        {(open) => (
          // Its own boundary: while the dialog's code loads, the page stays as it is (no page-wide fallback).
          <Suspense>
            <ActionDialog
              action={open.action}
              ticket={open.ticket}
              onClose={() => close('cancelled')}
              onSubmit={async (input) => {
                const message = await send(open.ticket, open.action, input);
                if (!message) close('done');
                return message;
              }}
            />
          </Suspense>
        )}
      </Show>
      {/* The live region stays in the page, so screen readers announce what appears in it. */}
      <div class="action-done-region" role="status">
        <Show when={done()}>{(message) => <p class="action-done">{message()}</p>}</Show>
      </div>
      <Show when={notice()}>
        {(message) => (
          <div class="action-notice" role="alert">
            <span>{message()}</span>
            <button type="button" class="button button-quiet" onClick={() => setNotice(undefined)}>
              Dismiss
            </button>
          </div>
        )}
      </Show>
    </RunnerContext.Provider>
  );
}

/** The runner of the nearest TicketActionProvider (the signed-in shell provides one). */
export function useTicketAction(): TicketActionRunner {
  const runner = useContext(RunnerContext);
  if (!runner) throw new Error('useTicketAction() needs a <TicketActionProvider> above it.');
  return runner;
}
