// Comments as threads: top-level comments oldest first, each with its replies oldest first. The API
// already nests replies; this keeps the order stable whatever order they arrive in.

export type CommentLike = { id: string; createdAt: string };

const byTime = (a: CommentLike, b: CommentLike) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

export function commentThreads<C extends CommentLike & { replies: readonly CommentLike[] }>(
  comments: readonly C[],
): { comment: C; replies: C['replies'][number][] }[] {
  return [...comments].sort(byTime).map((comment) => ({ comment, replies: [...comment.replies].sort(byTime) }));
}
