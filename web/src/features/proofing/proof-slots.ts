// Where other proofing features plug into the proof view (proof-view.tsx) without it knowing them: buttons in
// its toolbar and tabs in its side panel (the annotation threads are the first tab). Each entry loads its code
// on first use (`lazy`), so the view's own chunk stays small. Version compare and review decisions add their
// entries to the two lists below.

import type { Component } from 'solid-js';

/** A file version as the proof view knows it. */
export type ProofVersion = { id: string; version: number; fileName: string; mimeType: string; url: string; width?: number | null; height?: number | null };

/** An annotation as the proof view draws and lists it (coordinates are 0–1 of the image or the PDF page). */
export type ProofAnnotation = {
  id: string;
  number: number;
  page: number | null;
  shape: 'PIN' | 'RECT' | 'ARROW' | 'FREEHAND';
  x: number;
  y: number;
  width: number | null;
  height: number | null;
  points: number[];
  state: 'OPEN' | 'RESOLVED';
};

/** What a plug-in sees of the open file. Accessors: they follow the version picker and live updates. */
export type ProofContext = {
  ticket: () => { id: string; number: number; title: string };
  /** The version shown. */
  file: () => ProofVersion;
  /** Every version of the file, oldest first. */
  versions: () => readonly ProofVersion[];
  annotations: () => readonly ProofAnnotation[];
  /** Opens another version in the view (its URL changes). */
  openVersion: (attachmentId: string) => void;
  /** Fetch the file's data again (after a change the plug-in made). */
  refresh: () => void;
};

export type ProofToolbarItem = { id: string; component: Component<{ context: ProofContext }> };
export type ProofPanelTab = { id: string; label: string; component: Component<{ context: ProofContext }> };

/** Toolbar buttons after zoom and the drawing tools. Version compare and review decisions: add yours here. */
export const proofToolbarItems: ProofToolbarItem[] = [];

/** Side-panel tabs after "Comments". Version compare and review decisions: add yours here. */
export const proofPanelTabs: ProofPanelTab[] = [];
