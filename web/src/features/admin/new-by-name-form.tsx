import type { CombinedError } from '@urql/core';
import { createSignal, createUniqueId, type JSX } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { Field } from '../../components/field';
import { describeError } from '../../lib/graphql-errors';

/**
 * A catalogue's "add one" form (departments, products): a required name, the catalogue's own controls as
 * children, and the server's refusal in plain words. The name is cleared once the entry exists.
 */
export function NewByNameForm(props: {
  title: string;
  submitLabel: string;
  fetching: boolean;
  /** Creates the entry from the trimmed name and the children's values. */
  create: (name: string) => Promise<{ error?: CombinedError | undefined }>;
  /** The entry exists: reset the children's values, refresh the list. */
  onCreated: () => void;
  children?: JSX.Element;
}) {
  const id = createUniqueId();
  const [name, setName] = createSignal('');
  const [error, setError] = createSignal<string>();
  const [failure, setFailure] = createSignal<string>();
  let input!: HTMLInputElement;
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!name().trim()) {
      setError('Enter a name.');
      input.focus();
      return;
    }
    setError(undefined);
    setFailure(undefined);
    const result = await props.create(name().trim());
    if (result.error) return setFailure(describeError(result.error));
    setName('');
    props.onCreated();
  };
  return (
    <form class="admin-form card" onSubmit={submit} novalidate aria-labelledby={`${id}-title`}>
      <h2 class="admin-form-title" id={`${id}-title`}>
        {props.title}
      </h2>
      <div class="admin-inline">
        <Field label="Name" error={error()}>
          {(control) => <input ref={input} class="field-input" {...control} value={name()} onInput={(event) => setName(event.currentTarget.value)} />}
        </Field>
        {props.children}
        <button type="submit" class="button button-primary" disabled={props.fetching}>
          {props.submitLabel}
        </button>
      </div>
      <ErrorBanner message={failure()} />
    </form>
  );
}
