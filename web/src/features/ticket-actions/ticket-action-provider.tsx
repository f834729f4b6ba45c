import type { OperationResult } from '@urql/core';
import { useClient } from '@urql/solid';
import { createContext, createSignal, lazy, type ParentProps, Show, Suspense, useContext } from 'solid-js';
import { ToastProvider, useToast } from '../../components/toast';
import type { TicketStatus } from '../../gql/graphql';
import { session } from '../../lib/session';
import { ACTIONS, type ActionInput, EMPTY_INPUT, needsDialog, type RunnableAction, WHO_RESTORES } from './action-rules';
import './ticket-actions.css';

// The dialog and the mutations (eleven documents) load when the first action runs, not with every page: the
// shell that hosts this provider is part of the first load of every page.
const ActionDialog = lazy(() => import('./action-dialog').then((module) => ({ default: module.ActionDialog })));
const loadRunner = () => import('./run-action');

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

/** What a mutation answered about the ticket, as far as the runner reads it (the TicketActionResult fragment). */
type Answered = { version?: number; availableActions?: readonly string[] };

/**
 * Hosts the one action dialog, the toast that confirms an action (with Undo after a delete) and the notice for
 * actions without a dialog. Wrap signed-in pages in it; pages use its toast too (useToast).
 */
export function TicketActionProvider(props: ParentProps) {
  return (
    <ToastProvider>
      <ActionRunner>{props.children}</ActionRunner>
    </ToastProvider>
  );
}

function ActionRunner(props: ParentProps) {
  const client = useClient();
  const toast = useToast();
  const [dialog, setDialog] = createSignal<OpenDialog>();
  const [pendingTicketId, setPendingTicketId] = createSignal<string>();
  const [notice, setNotice] = createSignal<string>();
  /**
   * Says for a few seconds that the action went through (politely: it does not interrupt). A delete the viewer
   * may take back (the answer offers RESTORE) comes with Undo, which restores the version the delete left; one
   * they may not (a requester: restoring is for managers and admins) says who can, and links to their trash.
   */
  const confirmDone = (ticket: ActionTicket, action: RunnableAction, answered: Answered | undefined) => {
    const version = answered?.version;
    const restorable = action === 'DELETE' && version !== undefined && answered?.availableActions?.includes('RESTORE');
    const decision = (action === 'APPROVE' || action === 'REJECT') && version !== undefined;
    if (action === 'DELETE' && !restorable) {
      toast.show({ message: `${ACTIONS.DELETE.done(ticket.number)} ${WHO_RESTORES}`, action: { label: 'Open the trash', href: '/trash' } });
      return;
    }
    toast.show({
      message: ACTIONS[action].done(ticket.number),
      action: restorable
        ? { label: 'Undo', run: () => void run({ ...ticket, version }, 'RESTORE') }
        : decision
          ? { label: 'Undo', run: undoLater(ticket, action, version, Date.now()) }
          : undefined,
    });
  };

  /** Undo of an approval or a rejection made by mistake (run-action.ts undoDecision: who, when, how). */
  const undoLater = (ticket: ActionTicket, decision: 'APPROVE' | 'REJECT', version: number, madeAt: number) => async () => {
    setPendingTicketId(ticket.id);
    try {
      const { undoDecision } = await loadRunner();
      const outcome = await undoDecision(client, { ...ticket, version }, decision, session.user()?.id, madeAt);
      if (outcome.done) toast.show({ message: outcome.message });
      else setNotice(outcome.message);
    } finally {
      setPendingTicketId(undefined);
    }
  };

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
      confirmDone(ticket, action, answeredTicket(result.data));
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
    toast.clear();
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

/** The ticket a `{ <mutation>: { ticket } }` answer carries (every runnable action answers so). */
function answeredTicket(data: unknown): Answered | undefined {
  const payload = data && typeof data === 'object' ? Object.values(data)[0] : undefined;
  const ticket = payload && typeof payload === 'object' ? (payload as { ticket?: unknown }).ticket : undefined;
  return ticket && typeof ticket === 'object' ? (ticket as Answered) : undefined;
}

/** The runner of the nearest TicketActionProvider (the signed-in shell provides one). */
export function useTicketAction(): TicketActionRunner {
  const runner = useContext(RunnerContext);
  if (!runner) throw new Error('useTicketAction() needs a <TicketActionProvider> above it.');
  return runner;
}
