import { describe, expect, it } from 'vitest';
import {
  type AnnotationFigure,
  annotationLabel,
  canChangeAnnotationState,
  checkAnnotationRoom,
  checkFigure,
  MAX_ANNOTATIONS_PER_VERSION,
  MAX_FREEHAND_NUMBERS,
  MAX_PDF_PAGE,
} from './annotations.ts';
import { DomainError } from './errors.ts';
import type { TicketFacts } from './ticket-access.ts';
import type { Viewer } from './viewer.ts';

const PNG = { mimeType: 'image/png' };
const PDF = { mimeType: 'application/pdf' };

/** The field a refusal names (BAD_USER_INPUT), or null when the figure passes. */
function refusedField(figure: AnnotationFigure, file: { mimeType: string; pageCount?: number | null } = PNG): string | null {
  try {
    checkFigure(figure, file);
    return null;
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'BAD_USER_INPUT') throw error;
    return String(error.details.field);
  }
}

describe('checkFigure', () => {
  it('keeps a pin, a box, an arrow and a freehand line, each with only what its shape has', () => {
    expect(checkFigure({ shape: 'PIN', x: 0, y: 1 }, PNG)).toEqual({ shape: 'PIN', x: 0, y: 1, width: null, height: null, points: [], page: null });
    expect(checkFigure({ shape: 'RECT', x: 0.5, y: 0.25, width: 0.5, height: 0.75 }, PNG)).toMatchObject({ width: 0.5, height: 0.75, points: [] });
    expect(checkFigure({ shape: 'ARROW', x: 0.1, y: 0.1, points: [0.1, 0.1, 0.9, 0.9] }, PNG).points).toEqual([0.1, 0.1, 0.9, 0.9]);
    expect(checkFigure({ shape: 'FREEHAND', x: 0, y: 0, points: [0, 0] }, PNG).points).toEqual([0, 0]);
    expect(checkFigure({ shape: 'FREEHAND', x: 0, y: 0, points: Array.from({ length: MAX_FREEHAND_NUMBERS }, () => 1) }, PNG).points).toHaveLength(
      MAX_FREEHAND_NUMBERS,
    );
  });

  it.each([
    ['x above 1', { shape: 'PIN', x: 1.0001, y: 0 }, 'x'],
    ['x not a number', { shape: 'PIN', x: Number.NaN, y: 0 }, 'x'],
    ['y below 0', { shape: 'PIN', x: 0, y: -0.5 }, 'y'],
    ['y infinite', { shape: 'PIN', x: 0, y: Number.POSITIVE_INFINITY }, 'y'],
    ['a RECT without width', { shape: 'RECT', x: 0, y: 0, height: 0.5 }, 'width'],
    ['a RECT without height', { shape: 'RECT', x: 0, y: 0, width: 0.5 }, 'height'],
    ['a RECT of zero height', { shape: 'RECT', x: 0, y: 0, width: 0.5, height: 0 }, 'height'],
    ['a RECT past the right edge', { shape: 'RECT', x: 0.6, y: 0, width: 0.5, height: 0.5 }, 'width'],
    ['a RECT past the bottom edge', { shape: 'RECT', x: 0, y: 0.6, width: 0.1, height: 0.5 }, 'height'],
    ['a RECT with points', { shape: 'RECT', x: 0, y: 0, width: 0.1, height: 0.1, points: [0, 0] }, 'points'],
    ['a PIN with a height', { shape: 'PIN', x: 0, y: 0, height: 0.1 }, 'height'],
    ['a PIN with points', { shape: 'PIN', x: 0, y: 0, points: [0.5, 0.5] }, 'points'],
    ['an ARROW without points', { shape: 'ARROW', x: 0, y: 0 }, 'points'],
    ['an ARROW of six numbers', { shape: 'ARROW', x: 0, y: 0, points: [0, 0, 1, 1, 0.5, 0.5] }, 'points'],
    ['an ARROW leaving the image', { shape: 'ARROW', x: 0, y: 0, points: [0, 0, 1.5, 1] }, 'points'],
    ['an ARROW with a width', { shape: 'ARROW', x: 0, y: 0, width: 0.2, points: [0, 0, 1, 1] }, 'width'],
    ['a FREEHAND line of one number', { shape: 'FREEHAND', x: 0, y: 0, points: [0.5] }, 'points'],
    ['a FREEHAND line of an odd count', { shape: 'FREEHAND', x: 0, y: 0, points: [0.5, 0.5, 0.5] }, 'points'],
    ['a FREEHAND line over the cap', { shape: 'FREEHAND', x: 0, y: 0, points: Array.from({ length: MAX_FREEHAND_NUMBERS + 2 }, () => 0) }, 'points'],
    ['a FREEHAND point below 0', { shape: 'FREEHAND', x: 0, y: 0, points: [0.5, -0.01] }, 'points'],
    ['a page on an image', { shape: 'PIN', x: 0, y: 0, page: 1 }, 'page'],
  ] as [string, AnnotationFigure, string][])('refuses %s, naming %s', (_case, figure, field) => {
    expect(refusedField(figure)).toBe(field);
  });

  it('takes a rectangle that ends exactly at the edge, allowing for a browser rounding x + width', () => {
    expect(refusedField({ shape: 'RECT', x: 0.7, y: 0.1, width: 0.3, height: 0.9 })).toBeNull();
  });

  it('wants a page on a PDF: 1..pageCount when known, else 1..MAX_PDF_PAGE, whole numbers', () => {
    expect(refusedField({ shape: 'PIN', x: 0, y: 0 }, PDF)).toBe('page');
    expect(checkFigure({ shape: 'PIN', x: 0, y: 0, page: 2 }, PDF).page).toBe(2);
    expect(refusedField({ shape: 'PIN', x: 0, y: 0, page: 0 }, PDF)).toBe('page');
    expect(refusedField({ shape: 'PIN', x: 0, y: 0, page: 1.5 }, PDF)).toBe('page');
    expect(refusedField({ shape: 'PIN', x: 0, y: 0, page: MAX_PDF_PAGE }, PDF)).toBeNull();
    expect(refusedField({ shape: 'PIN', x: 0, y: 0, page: MAX_PDF_PAGE + 1 }, PDF)).toBe('page');
    expect(refusedField({ shape: 'PIN', x: 0, y: 0, page: 30 }, { ...PDF, pageCount: 30 })).toBeNull();
    expect(refusedField({ shape: 'PIN', x: 0, y: 0, page: 31 }, { ...PDF, pageCount: 30 })).toBe('page');
  });

  it('annotates images (PNG, JPEG, WebP, GIF) and PDFs only', () => {
    for (const mimeType of ['image/png', 'image/jpeg', 'image/webp', 'image/gif']) expect(refusedField({ shape: 'PIN', x: 0, y: 0 }, { mimeType })).toBeNull();
    for (const mimeType of ['video/mp4', 'text/plain', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']) {
      expect(refusedField({ shape: 'PIN', x: 0, y: 0 }, { mimeType })).toBe('attachmentId');
    }
  });
});

const viewer = (id: string, role: Viewer['role'] = 'MEMBER', departmentId: string | null = 'marketing', inCreativeDepartment = false): Viewer => ({
  id,
  username: id,
  role,
  departmentId,
  inCreativeDepartment,
});

const TICKET: TicketFacts = {
  status: 'IN_PROGRESS',
  requesterId: 'requester',
  departmentId: 'marketing',
  assigneeId: 'designer',
  collaboratorIds: ['helper'],
  reachedCreative: true,
  deleted: false,
};

describe('checkAnnotationRoom', () => {
  it('takes annotations up to MAX_ANNOTATIONS_PER_VERSION on a version, then BAD_USER_INPUT on attachmentId', () => {
    expect(() => checkAnnotationRoom(MAX_ANNOTATIONS_PER_VERSION - 1)).not.toThrow();
    try {
      checkAnnotationRoom(MAX_ANNOTATIONS_PER_VERSION);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining(`${MAX_ANNOTATIONS_PER_VERSION} annotations`) });
    }
  });
});

describe('canChangeAnnotationState', () => {
  it('lets the author, the assignee, managers with authority and admins resolve or reopen', () => {
    expect(canChangeAnnotationState(viewer('requester'), TICKET, 'requester')).toBe(true);
    expect(canChangeAnnotationState(viewer('designer', 'MEMBER', 'creative', true), TICKET, 'requester')).toBe(true);
    expect(canChangeAnnotationState(viewer('boss', 'MANAGER', 'marketing'), TICKET, 'requester')).toBe(true);
    expect(canChangeAnnotationState(viewer('creative-boss', 'MANAGER', 'creative', true), TICKET, 'requester')).toBe(true);
    expect(canChangeAnnotationState(viewer('root', 'ADMIN', null), TICKET, 'requester')).toBe(true);
  });

  it('refuses the requester on someone else’s annotation, a collaborator, and a manager of another department', () => {
    expect(canChangeAnnotationState(viewer('requester'), TICKET, 'helper')).toBe(false);
    expect(canChangeAnnotationState(viewer('helper', 'MEMBER', 'creative', true), TICKET, 'requester')).toBe(false);
    expect(canChangeAnnotationState(viewer('sales-boss', 'MANAGER', 'sales'), TICKET, 'requester')).toBe(false);
    expect(canChangeAnnotationState(viewer('creative-boss', 'MANAGER', 'creative', true), { ...TICKET, reachedCreative: false }, 'requester')).toBe(false);
  });
});

describe('annotationLabel', () => {
  it('names the file, its version past the first, the number and the page', () => {
    expect(annotationLabel({ fileName: 'logo.png', version: 1 }, { number: 3, page: null })).toBe('logo.png, #3');
    expect(annotationLabel({ fileName: 'flyer.pdf', version: 2 }, { number: 1, page: 3 })).toBe('flyer.pdf v2, #1 (page 3)');
  });
});
