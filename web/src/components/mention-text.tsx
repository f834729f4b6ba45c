import { For } from 'solid-js';
import './mention-text.css';

/** A comment's text with its @mentions set apart (text only: the API stores no markup). */
export function MentionText(props: { text: string }) {
  const parts = () => props.text.split(/(@[a-z0-9][a-z0-9._-]*)/gi);
  return <For each={parts()}>{(part) => (part.startsWith('@') && part.length > 1 ? <span class="mention">{part}</span> : part)}</For>;
}
