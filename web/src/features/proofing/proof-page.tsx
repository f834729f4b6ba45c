import { useNavigate, useParams } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { createEffect, Match, on, Switch } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { Loading } from '../../components/loading';
import { describeError } from '../../lib/graphql-errors';
import { latestTicketEvent } from '../../lib/ticket-events';
import { createFileData } from './annotations-data';
import type { ProofVersion } from './proof-types';
import { ProofView } from './proof-view';
import { proofTicketLookupQuery, proofTicketQuery } from './proofing.graphql';

/** The router hands the path segment over as written: a global id's "=" arrives as %3D. */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const GONE = 'There is no ticket with this number, or you may not read it.';

/** `/tickets/<number>/files/<attachmentId>`: finds the ticket by its number, then the file among its attachments. */
export function ProofPage() {
  const params = useParams<{ number: string; attachmentId: string }>();
  const number = () => (/^\d{1,9}$/.test(params.number) ? Number(params.number) : null);
  const [lookup] = createQuery({
    query: proofTicketLookupQuery,
    variables: () => ({ search: `#${number() ?? 0}` }),
    pause: () => number() === null,
  });
  const id = () => lookup.data?.tickets.nodes.find((node) => node.number === number())?.id;

  return (
    <Switch>
      <Match when={number() === null}>
        <ErrorBanner message={GONE} />
      </Match>
      <Match when={id()} keyed>
        {(ticketId) => <ProofTicket ticketId={ticketId} attachmentId={decoded(params.attachmentId)} />}
      </Match>
      <Match when={lookup.error}>{(error) => <ErrorBanner message={describeError(error())} />}</Match>
      <Match when={lookup.data}>
        <ErrorBanner message={GONE} />
      </Match>
      <Match when={true}>
        <Loading label="Loading the file…" />
      </Match>
    </Switch>
  );
}

function ProofTicket(props: { ticketId: string; attachmentId: string }) {
  const navigate = useNavigate();
  const [result, refetch] = createQuery({ query: proofTicketQuery, variables: () => ({ id: props.ticketId }) });
  const ticket = () => result.data?.ticket;
  const file = () => ticket()?.attachments.find((attachment) => attachment.id === props.attachmentId);
  const data = createFileData(
    () => props.attachmentId,
    () => props.ticketId,
  );
  const source = data.source;
  /** Every version of the file's name, oldest first (from the ticket's files until the file's own list arrives). */
  const versions = (): readonly ProofVersion[] =>
    data.versions() ?? (ticket()?.attachments ?? []).filter((attachment) => attachment.fileName === file()?.fileName).sort((a, b) => a.version - b.version);

  // This ticket's events (someone's pin, reply, resolution, new version) reload the file's data.
  createEffect(
    on(
      latestTicketEvent,
      (event) => {
        if (!event || (event.type !== 'REFETCH' && event.ticketId !== props.ticketId)) return;
        refetch({ requestPolicy: 'network-only' });
        source.refresh();
      },
      { defer: true },
    ),
  );

  return (
    <Switch>
      <Match when={ticket() && file()}>
        {(current) => {
          const t = () => ticket() as NonNullable<ReturnType<typeof ticket>>;
          return (
            <ProofView
              ticket={{ id: t().id, number: t().number, title: t().title }}
              file={file() ?? (current() as ProofVersion)}
              versions={versions()}
              canComment={t().availableActions.includes('COMMENT')}
              source={source}
              openVersion={(attachmentId) => navigate(`/tickets/${t().number}/files/${encodeURIComponent(attachmentId)}`)}
            />
          );
        }}
      </Match>
      <Match when={result.error}>{(error) => <ErrorBanner message={describeError(error())} />}</Match>
      <Match when={result.data}>
        <ErrorBanner message="This file is not on the ticket (it may have been deleted)." />
      </Match>
      <Match when={true}>
        <Loading label="Loading the file…" />
      </Match>
    </Switch>
  );
}
