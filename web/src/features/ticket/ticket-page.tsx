import { useParams } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { Match, Switch } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { Loading } from '../../components/loading';
import { describeError } from '../../lib/graphql-errors';
import { ticketNumberLookupQuery } from './ticket.graphql';
import { TicketGone, TicketWorkspace } from './ticket-workspace';

/** `/tickets/<number>`: finds the ticket by its human number, then shows its workspace. */
export function TicketPage() {
  const params = useParams<{ number: string }>();
  const number = () => (/^\d{1,9}$/.test(params.number) ? Number(params.number) : null);
  const [lookup] = createQuery({
    query: ticketNumberLookupQuery,
    variables: () => ({ search: `#${number() ?? 0}` }),
    pause: () => number() === null,
  });
  // The search also matches titles and descriptions: keep only the ticket with exactly this number.
  const id = () => lookup.data?.tickets.nodes.find((node) => node.number === number())?.id;

  return (
    <Switch>
      <Match when={number() === null}>
        <TicketGone />
      </Match>
      <Match when={id()} keyed>
        {(ticketId) => <TicketWorkspace id={ticketId} />}
      </Match>
      <Match when={lookup.error}>{(error) => <ErrorBanner message={describeError(error())} />}</Match>
      <Match when={lookup.data}>
        <TicketGone />
      </Match>
      <Match when={true}>
        <Loading label="Loading ticket…" />
      </Match>
    </Switch>
  );
}
