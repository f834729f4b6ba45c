// Ticket actions: the one place that turns a TicketAction on a ticket into its mutation.
//
// Use:
//   const actions = useTicketAction();             // inside <TicketActionProvider> (the signed-in shell has one)
//   <For each={ticket.availableActions.filter(isRunnableAction)}>
//     {(action) => <button onClick={() => actions.run(ticket, action)}>{ACTIONS[action].label}</button>}
//   </For>
//
// `run(ticket, action)` takes `{ id, number, title, version }` and resolves 'done' | 'cancelled' | 'failed'.
// - START, CONFIRM, RESTORE run at once. Every other action opens a modal dialog (role dialog, titled
//   "<Action> #<number>", Esc or Cancel closes, focus stays inside) asking for what it needs:
//   APPROVE: "Note" (optional) · REJECT, REQUEST_REVISION: "Reason" (required) · ASSIGN: radio group
//   "Assignee" of active Creative members (name + avatar) · ADD_COLLABORATOR: radio group "Collaborator" ·
//   COMPLETE: "Actual hours" (optional, positive number) and, without blocking, the files with open notes or no
//   review decision, linked to their proofs · DELETE: "Reason" (optional) and a warning.
//   The dialog's submit button is named like the action ("Approve", "Reject", "Assign", …).
// - Every mutation carries `expectedVersion`. A refusal is explained from `extensions.code` (lib/ticket-refusals.ts); on CONFLICT
//   (or INVALID_TRANSITION/FORBIDDEN) the ticket is reloaded into the cache, the dialog keeps what was
//   typed, and the next try sends the new version. Actions without a dialog show the reason in an alert.
// - An action that went through is confirmed for 4 s in a polite status line ("Started work on #12.").
// - Mutations answer with the `TicketActionResult` fragment; graphcache updates every view of the ticket.
// EDIT, COMMENT, ATTACH and ROLLBACK are not run here (the workspace has their editors); removing a
// collaborator is `removeCollaboratorMutation` (import it from ./ticket-actions.graphql).
// The dialog and the mutations are not exported here: the signed-in shell imports this module, and whatever it
// re-exports is loaded with every page. The provider loads them when the first action runs.
export {
  ACTIONS,
  type ActionInput,
  isRunnableAction,
  needsDialog,
  type RunnableAction,
  validateActionInput,
  WHO_RESTORES,
} from './action-rules';
export { type ActionOutcome, type ActionTicket, TicketActionProvider, type TicketActionRunner, useTicketAction } from './ticket-action-provider';
