// The small pieces the ticket's sections are built of: a labelled fact, a person with their avatar, the
// options of an enum for an inline select, and what every editing section is handed.
import type { JSX } from 'solid-js';
import { Avatar } from '../../components/avatar';
import type { TicketWorkspaceFieldsFragment as Ticket } from '../../gql/graphql';
import type { EditResult, TicketPatch } from './ticket-edits';

/** What a section that edits the ticket gets: the ticket on screen and the two ways to send an edit. */
export type TicketEditing = {
  ticket: Ticket;
  /** Sends an edit (or says why it cannot be sent) with the version the editor opened on. */
  save: (edit: EditResult, expectedVersion: number) => Promise<string | undefined>;
  /** Sends fields already valid as they are (a select's value). */
  patch: (value: TicketPatch, expectedVersion: number) => Promise<string | undefined>;
};

/** An enum's values with their words, in the vocabulary's order, as an inline select's options. */
export const selectOptions = <Value extends string>(values: readonly Value[], labels: Record<Value, string>, empty?: string) => [
  ...(empty !== undefined ? [{ value: '', label: empty }] : []),
  ...values.map((value) => ({ value, label: labels[value] })),
];

export function Fact(props: { label: string; children: JSX.Element }) {
  return (
    <div class="fact">
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

export function PersonName(props: { person: { displayName: string } }) {
  return (
    <span class="person">
      <Avatar name={props.person.displayName} />
      <span class="person-name">{props.person.displayName}</span>
    </span>
  );
}
