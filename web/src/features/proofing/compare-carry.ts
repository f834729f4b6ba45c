// "Carried over?": an open annotation of the previous version pinned again on the newer one. Positions are
// fractions of the image or page, so the same numbers are the same spot on a version of the same proportions.
import type { AddAnnotationInput, AnnotationShape } from '../../gql/graphql';

export type CarriedAnnotation = {
  number: number;
  page: number | null;
  shape: AnnotationShape;
  x: number;
  y: number;
  width: number | null;
  height: number | null;
  points: number[];
  comment: { body: string };
};

/** The addAnnotation input that pins `annotation` at the same spot of `attachmentId`, with the same words. */
export function repinInput(annotation: CarriedAnnotation, attachmentId: string): AddAnnotationInput {
  return {
    attachmentId,
    shape: annotation.shape,
    x: annotation.x,
    y: annotation.y,
    ...(annotation.page !== null ? { page: annotation.page } : {}),
    ...(annotation.shape === 'RECT' ? { width: annotation.width, height: annotation.height } : {}),
    ...(annotation.points.length > 0 ? { points: annotation.points } : {}),
    body: annotation.comment.body,
  };
}

/** How an annotation is named in the list: "#2 (page 3)". */
export function carriedLabel(annotation: Pick<CarriedAnnotation, 'number' | 'page'>): string {
  return `#${annotation.number}${annotation.page !== null ? ` (page ${annotation.page})` : ''}`;
}
