import type { Accessor } from 'solid-js';
import type { ShapeDraft } from './geometry';
import type { ProofAnnotation } from './proof-types';

type Person = { id: string; username: string; displayName: string };
export type ThreadComment = { id: string; body: string; createdAt: string; author: Person };

/** An annotation with its thread, as the threads panel shows it. */
export type ThreadAnnotation = ProofAnnotation & {
  comment: ThreadComment & { replies: ThreadComment[] };
  resolvedBy: { displayName: string } | null;
  /** Whether resolve/reopen is offered (the server decides again when asked). */
  viewerCanResolve: boolean;
};

export type NewAnnotation = ShapeDraft & { page: number | null; body: string };

/** The annotations of one file version and what can be done with them; each action answers a refusal or nothing. */
export type AnnotationSource = {
  list: Accessor<readonly ThreadAnnotation[]>;
  error: Accessor<string | undefined>;
  add: (input: NewAnnotation) => Promise<{ refusal?: string; id?: string }>;
  reply: (annotation: ThreadAnnotation, body: string) => Promise<string | undefined>;
  setResolved: (annotation: ThreadAnnotation, resolved: boolean) => Promise<string | undefined>;
  refresh: () => void;
};
