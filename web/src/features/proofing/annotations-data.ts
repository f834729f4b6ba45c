import { createMutation, createQuery } from '@urql/solid';
import type { Accessor } from 'solid-js';
import { describeError } from '../../lib/graphql-errors';
import type { AnnotationSource, ThreadAnnotation } from './annotation-source';
import type { ProofVersion } from './proof-types';
import { addAnnotationMutation, proofFileQuery, reopenAnnotationMutation, replyOnAnnotationMutation, resolveAnnotationMutation } from './proofing.graphql';

/** One file version's annotations and versions, fetched and changed through the API. */
export function createFileData(
  attachmentId: Accessor<string>,
  ticketId: Accessor<string>,
): { source: AnnotationSource; versions: Accessor<readonly ProofVersion[] | undefined> } {
  const [file, refetch] = createQuery({ query: proofFileQuery, variables: () => ({ id: attachmentId() }) });
  const [, add] = createMutation(addAnnotationMutation);
  const [, resolve] = createMutation(resolveAnnotationMutation);
  const [, reopen] = createMutation(reopenAnnotationMutation);
  const [, reply] = createMutation(replyOnAnnotationMutation);
  const refresh = () => refetch({ requestPolicy: 'network-only' });
  const attachment = () => {
    const node = file.data?.node;
    return node && 'annotations' in node ? node : undefined;
  };

  const list = (): readonly ThreadAnnotation[] => attachment()?.annotations ?? [];

  return {
    versions: () => attachment()?.versions,
    source: {
      list,
      error: () => (file.error ? describeError(file.error) : undefined),
      refresh,
      async add(input) {
        const result = await add({
          input: {
            attachmentId: attachmentId(),
            page: input.page,
            shape: input.shape,
            x: input.x,
            y: input.y,
            width: input.width ?? null,
            height: input.height ?? null,
            points: input.points ?? null,
            body: input.body,
          },
        });
        if (result.error) return { refusal: describeError(result.error) };
        refresh();
        return { id: result.data?.addAnnotation.annotation.id };
      },
      async reply(annotation, body) {
        const result = await reply({ input: { ticketId: ticketId(), body, parentId: annotation.comment.id } });
        if (result.error) return describeError(result.error);
        refresh();
        return undefined;
      },
      async setResolved(annotation, resolved) {
        const result = resolved ? await resolve({ input: { id: annotation.id } }) : await reopen({ input: { id: annotation.id } });
        if (result.error) return describeError(result.error);
        refresh();
        return undefined;
      },
    },
  };
}
