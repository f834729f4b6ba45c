import { createSignal, Show } from 'solid-js';
import './ticket-thumbnail.css';

/** Ticket.thumbnail: the preview of the ticket's newest image (a signed link) and the file's name. */
export type Thumbnail = { url: string; fileName: string };

/**
 * A ticket's newest image, small, in a box of fixed size (nothing moves when it loads), loaded only when it
 * scrolls near. Hidden when it fails to load (a preview that cannot be made answers 404).
 */
export function TicketThumbnail(props: { thumbnail: Thumbnail | null | undefined; class?: string }) {
  const [failed, setFailed] = createSignal(false);
  return (
    <Show when={!failed() && props.thumbnail}>
      {(thumbnail) => (
        <span class={`ticket-thumbnail ${props.class ?? ''}`}>
          <img src={thumbnail().url} alt={thumbnail().fileName} loading="lazy" decoding="async" onError={() => setFailed(true)} />
        </span>
      )}
    </Show>
  );
}
