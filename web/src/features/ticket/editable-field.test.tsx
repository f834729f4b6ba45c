import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { createSignal } from 'solid-js';
import { afterEach, describe, expect, it } from 'vitest';
import { EditableField } from './editable-field';

afterEach(cleanup);

describe('EditableField', () => {
  it('shows no editor to people who may not edit', () => {
    render(() => (
      <EditableField label="Title" value="Banner" version={1} canEdit={false} editor={{ type: 'text' }} onSave={async () => undefined}>
        Banner
      </EditableField>
    ));
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('sends the version it opened on; after a refusal keeps the text and retries on the reloaded version', async () => {
    const [version, setVersion] = createSignal(4);
    const [value, setValue] = createSignal('Banner');
    const sent: { text: string; version: number }[] = [];
    let refuse = true;
    render(() => (
      <EditableField
        label="Title"
        value={value()}
        version={version()}
        canEdit
        editor={{ type: 'text' }}
        onSave={async (text, expectedVersion) => {
          sent.push({ text, version: expectedVersion });
          if (refuse) {
            refuse = false;
            return 'Someone changed this ticket while you were editing.';
          }
          setValue(text);
          return undefined;
        }}
      >
        {value()}
      </EditableField>
    ));
    fireEvent.click(screen.getByRole('button', { name: /edit title/i }));
    fireEvent.input(screen.getByLabelText('Title'), { target: { value: 'Banner v2' } });
    // Someone else saves meanwhile: the live reload moves the version on under the open editor.
    setVersion(5);
    setValue('Banner (theirs)');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Someone changed this ticket while you were editing.')).toBeTruthy();
    expect(sent).toEqual([{ text: 'Banner v2', version: 4 }]);
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('Banner v2');

    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByLabelText('Title')).toBeNull());
    expect(sent[1]).toEqual({ text: 'Banner v2', version: 5 });
    expect(screen.getByText('Banner v2')).toBeTruthy();
  });

  it('closes on Escape without sending', () => {
    let saves = 0;
    render(() => (
      <EditableField
        label="Quantity"
        value="2"
        version={1}
        canEdit
        editor={{ type: 'number' }}
        onSave={async () => {
          saves += 1;
          return undefined;
        }}
      >
        2
      </EditableField>
    ));
    fireEvent.click(screen.getByRole('button', { name: /edit quantity/i }));
    fireEvent.keyDown(screen.getByLabelText('Quantity'), { key: 'Escape' });
    expect(screen.queryByLabelText('Quantity')).toBeNull();
    expect(saves).toBe(0);
  });
});
