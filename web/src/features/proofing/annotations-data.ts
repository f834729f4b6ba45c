import { createSignal } from 'solid-js';
import type { AnnotationSource, ThreadAnnotation } from './annotation-source';

/** The annotations of one file version, fetched and changed through the API. */
export function createAnnotationSource(_attachmentId: () => string): AnnotationSource {
  const [list] = createSignal<readonly ThreadAnnotation[]>([]);
  const unavailable = async () => 'Annotations are not available yet.';
  return {
    list,
    error: () => undefined,
    add: async () => ({ refusal: await unavailable() }),
    reply: unavailable,
    setResolved: unavailable,
    refresh: () => undefined,
  };
}
