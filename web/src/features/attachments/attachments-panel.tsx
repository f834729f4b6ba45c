import { A } from '@solidjs/router';
import { createMutation, createQuery } from '@urql/solid';
import { createEffect, createSignal, For, on, Show } from 'solid-js';
import { getFragmentData } from '../../gql';
import type { ReviewVerdict } from '../../gql/graphql';
import { describeError } from '../../lib/graphql-errors';
import { freshAccessToken } from '../../lib/session';
import { reviewDecisionFields } from '../proofing/decision-panel.graphql';
import { VERDICT_LABELS } from '../proofing/decision-rules';
import { ticketReviewQuery } from '../ticket/review-section.graphql';
import { formatDateTime } from '../ticket/ticket-format';
import { deleteAttachmentMutation, ticketAttachmentsQuery } from './attachments.graphql';
import { type AttachmentView, type FileGroup, formatSize, groupByName, isImage, isPdf, isVideo, reviewStatusOf } from './file-groups';
import { acceptAttribute, acceptedSummary, refusalBeforeSending } from './upload-check';
import { uploadFile } from './upload-file';
import './attachments.css';

type Upload = { key: number; name: string; progress: number; error?: string };

/**
 * A ticket's files: drop or pick files (each uploads with its own progress bar; a refused one says why),
 * image thumbnails, PDF preview, the versions of each name, and delete where the server allows it.
 * `liveTick` changes when an event on the ticket arrives: someone else's upload appears here then.
 */
export function AttachmentsPanel(props: { ticketId: string; canAttach: boolean; liveTick: number }) {
  const [files, refetch] = createQuery({ query: ticketAttachmentsQuery, variables: () => ({ id: props.ticketId }) });
  // The cards' review badges come from the Review section's own query (one request for both, shared by urql), so
  // the files stay one statement: decisions are read by the service, not the ticket tree's statement.
  const [review, refetchReview] = createQuery({ query: ticketReviewQuery, variables: () => ({ id: props.ticketId }) });
  const [, deleteAttachment] = createMutation(deleteAttachmentMutation);
  const [uploads, setUploads] = createSignal<Upload[]>([]);
  const [dragging, setDragging] = createSignal(false);
  const [deleteError, setDeleteError] = createSignal<string>();
  let nextKey = 0;

  const reload = () => {
    refetch({ requestPolicy: 'network-only' });
    refetchReview({ requestPolicy: 'network-only' });
  };
  createEffect(on(() => props.liveTick, reload, { defer: true }));

  const update = (key: number, change: Partial<Upload>) => setUploads((list) => list.map((entry) => (entry.key === key ? { ...entry, ...change } : entry)));

  const send = async (file: File) => {
    const key = nextKey++;
    // Refused here when the server's own rules already say no: nothing is sent.
    const rules = files.data?.attachmentRules;
    const refusal = rules && refusalBeforeSending(file, rules);
    setUploads((list) => [...list, { key, name: file.name, progress: 0, ...(refusal ? { error: refusal } : {}) }]);
    if (refusal) return;
    const outcome = await uploadFile(props.ticketId, file, await freshAccessToken(), (progress) => update(key, { progress }));
    if (outcome.ok) {
      setUploads((list) => list.filter((entry) => entry.key !== key));
      reload();
    } else {
      update(key, { error: outcome.reason });
    }
  };
  const sendAll = (list: FileList | null | undefined) => {
    for (const file of Array.from(list ?? [])) void send(file);
  };

  const remove = async (attachment: AttachmentView) => {
    setDeleteError(undefined);
    const result = await deleteAttachment({ input: { id: attachment.id } });
    if (result.error) setDeleteError(describeError(result.error));
    else reload();
  };

  const groups = () => groupByName(files.data?.ticket?.attachments ?? []);
  const reviewStatus = (group: FileGroup) =>
    reviewStatusOf(
      group.latest.id,
      (review.data?.ticket?.reviewDecisions ?? []).map((decision) => getFragmentData(reviewDecisionFields, decision)),
    );
  /** The next version of a file: the picked file sent under the card's name (the server versions by identical name). */
  const sendVersion = (group: FileGroup, file: File) => send(new File([file], group.fileName, { type: file.type, lastModified: file.lastModified }));

  return (
    <section class="ticket-section attachments" aria-labelledby="attachments-title">
      <h2 class="ticket-section-title" id="attachments-title">
        Files
      </h2>

      <Show when={props.canAttach}>
        {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a shortcut; the labelled file picker inside does the same for keyboards and screen readers. */}
        <div
          class="attachments-drop"
          classList={{ 'attachments-drop-active': dragging() }}
          onDragEnter={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragOver={(event) => event.preventDefault()}
          onDragLeave={() => setDragging(false)}
          onDrop={(event) => {
            event.preventDefault();
            setDragging(false);
            sendAll(event.dataTransfer?.files);
          }}
        >
          <p class="muted">Drop files here, or</p>
          <label class="button attachments-pick">
            Choose files
            <input
              type="file"
              class="visually-hidden"
              multiple
              accept={files.data ? acceptAttribute(files.data.attachmentRules) : undefined}
              onChange={(event) => {
                sendAll(event.currentTarget.files);
                event.currentTarget.value = '';
              }}
            />
          </label>
          <Show when={files.data?.attachmentRules}>{(rules) => <p class="muted attachments-hint">{acceptedSummary(rules())}</p>}</Show>
        </div>
      </Show>

      <Show when={uploads().length > 0}>
        <ul class="attachments-uploads">
          <For each={uploads()}>
            {(upload) => (
              <li class="attachments-upload">
                <span class="attachments-upload-name">{upload.name}</span>
                <Show when={upload.error} fallback={<progress max="1" value={upload.progress} aria-label={`Uploading ${upload.name}`} />}>
                  {(error) => (
                    <>
                      <span class="attachments-refused" role="alert">
                        Not uploaded: {error()}
                      </span>
                      <button
                        type="button"
                        class="attachments-text-button"
                        onClick={() => setUploads((list) => list.filter((entry) => entry.key !== upload.key))}
                      >
                        Dismiss
                      </button>
                    </>
                  )}
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>

      <Show when={deleteError()}>
        {(error) => (
          <p class="attachments-refused" role="alert">
            {error()}
          </p>
        )}
      </Show>

      <Show when={files.data} fallback={<p class="muted">{files.error ? describeError(files.error) : 'Loading files…'}</p>}>
        {/* Not "No files yet." beside the progress bars of the first ones. */}
        <Show when={groups().length > 0} fallback={<Show when={uploads().length === 0}>{<p class="muted">No files yet.</p>}</Show>}>
          <ul class="attachments-list">
            <For each={groups()}>
              {(group) => (
                <FileCard
                  group={group}
                  status={reviewStatus(group)}
                  onDelete={remove}
                  onNewVersion={props.canAttach ? (file) => void sendVersion(group, file) : undefined}
                  accept={files.data ? acceptAttribute(files.data.attachmentRules) : undefined}
                />
              )}
            </For>
          </ul>
        </Show>
      </Show>
    </section>
  );
}

function FileCard(props: {
  group: FileGroup;
  status: ReviewVerdict | undefined;
  onDelete: (attachment: AttachmentView) => void;
  /** Set when the viewer may attach: the card offers "Upload new version". */
  onNewVersion: ((file: File) => void) | undefined;
  accept: string | undefined;
}) {
  const latest = () => props.group.latest;
  const [previewing, setPreviewing] = createSignal(false);
  return (
    <li class="attachments-card">
      <Show when={isImage(latest().mimeType)}>
        <a href={latest().url} target="_blank" rel="noopener noreferrer" class="attachments-thumb">
          {/* The server's small WebP preview, not the full file; the link opens the full file. */}
          <img
            src={latest().previewUrl ?? latest().url}
            alt={latest().fileName}
            loading="lazy"
            width={latest().width ?? undefined}
            height={latest().height ?? undefined}
          />
        </a>
      </Show>
      <Show when={isVideo(latest().mimeType)}>
        <video class="attachments-video" src={latest().url} controls preload="metadata">
          <track kind="captions" />
        </video>
      </Show>
      <div class="attachments-meta">
        <a href={latest().url} target="_blank" rel="noopener noreferrer" class="attachments-name">
          {props.group.fileName}
        </a>
        <Show when={props.status}>
          {(status) => (
            <span class={`attachments-status attachments-status-${status() === 'APPROVED' ? 'approved' : 'changes'}`} data-verdict={status()}>
              {VERDICT_LABELS[status()]}
            </span>
          )}
        </Show>
        <span class="muted">
          {props.group.earlier.length ? `Version ${latest().version} · ` : ''}
          {formatSize(latest().size)} · {latest().uploader.displayName} · {formatDateTime(latest().createdAt)}
        </span>
        <div class="attachments-actions">
          <Show when={isImage(latest().mimeType) || isPdf(latest().mimeType)}>
            {/* The proof view, relative to this ticket's route: /tickets/<number>/files/<id>. */}
            <A href={`files/${encodeURIComponent(latest().id)}`} class="attachments-text-button">
              Review<span class="visually-hidden"> {props.group.fileName}</span>
            </A>
          </Show>
          <Show when={isPdf(latest().mimeType)}>
            <button type="button" class="attachments-text-button" aria-expanded={previewing()} onClick={() => setPreviewing((open) => !open)}>
              {previewing() ? 'Hide preview' : 'Preview'}
            </button>
          </Show>
          <Show when={props.onNewVersion}>
            {(upload) => (
              <label class="attachments-text-button">
                Upload new version<span class="visually-hidden"> of {props.group.fileName}</span>
                <input
                  type="file"
                  class="visually-hidden"
                  accept={props.accept}
                  onChange={(event) => {
                    const file = event.currentTarget.files?.[0];
                    if (file) upload()(file);
                    event.currentTarget.value = '';
                  }}
                />
              </label>
            )}
          </Show>
          <Show when={latest().viewerCanDelete}>
            <button type="button" class="attachments-text-button attachments-delete" onClick={() => props.onDelete(latest())}>
              Delete
              <span class="visually-hidden">
                {' '}
                {props.group.fileName} version {latest().version}
              </span>
            </button>
          </Show>
        </div>
      </div>
      <Show when={previewing()}>
        <iframe class="attachments-pdf" src={latest().url} title={`Preview of ${props.group.fileName}`} />
      </Show>
      <Show when={props.group.earlier.length > 0}>
        <details class="attachments-versions">
          <summary>
            {props.group.earlier.length} earlier version{props.group.earlier.length === 1 ? '' : 's'}
          </summary>
          <ul>
            <For each={props.group.earlier}>
              {(version) => (
                <li>
                  <a href={version.url} target="_blank" rel="noopener noreferrer">
                    Version {version.version}
                  </a>{' '}
                  <span class="muted">
                    {formatSize(version.size)} · {version.uploader.displayName} · {formatDateTime(version.createdAt)}
                  </span>
                  <Show when={version.viewerCanDelete}>
                    {' '}
                    <button type="button" class="attachments-text-button attachments-delete" onClick={() => props.onDelete(version)}>
                      Delete
                      <span class="visually-hidden">
                        {' '}
                        {props.group.fileName} version {version.version}
                      </span>
                    </button>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </details>
      </Show>
    </li>
  );
}
