import { createSignal, Show } from 'solid-js';
import { freshAccessToken } from '../../lib/session';

/**
 * A button that downloads a file the API only gives to a signed-in caller (CSV exports): a plain link cannot
 * carry the bearer token, so the file is fetched with it and handed to the browser as a blob.
 */
export function DownloadButton(props: { href: string; fileName: string; label: string }) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();

  async function download() {
    setBusy(true);
    setError(undefined);
    try {
      const token = await freshAccessToken();
      const response = await fetch(props.href, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      if (!response.ok) {
        setError(response.status === 403 ? 'You may not export these figures.' : 'The export failed. Please try again.');
        return;
      }
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = props.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1_000);
    } catch {
      setError('Cannot reach the server. Check your connection and try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <span class="download-button">
      <button type="button" class="button" onClick={download} disabled={busy()} aria-busy={busy()}>
        {busy() ? 'Preparing…' : props.label}
      </button>
      <Show when={error()}>
        {(message) => (
          <span class="field-error" role="alert">
            {message()}
          </span>
        )}
      </Show>
    </span>
  );
}
