import { A } from '@solidjs/router';
import { For } from 'solid-js';
import './ticket-ref-text.css';

/** Splits text at ticket references ("#12"): odd parts are the numbers. */
export function splitTicketRefs(text: string): string[] {
  return text.split(/(?<![\w&])#(\d{1,9})\b/);
}

/** Text as written, with each "#12" a link to that ticket (a copy of a rejected request names the original so). */
export function TicketRefText(props: { text: string }) {
  return (
    <For each={splitTicketRefs(props.text)}>
      {(part, index) =>
        index() % 2 === 1 ? (
          <A href={`/tickets/${part}`} class="ticket-ref">
            #{part}
          </A>
        ) : (
          part
        )
      }
    </For>
  );
}
