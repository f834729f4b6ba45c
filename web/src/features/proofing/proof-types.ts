// The types the proof view gives its plug-ins (proof-slots.ts). A plug-in imports them from here, not from
// proof-slots.ts, which imports the plug-ins: that would be an import cycle.

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
export type ProofPanelTab = {
  id: string;
  /** The tab's words: short, the tabs share one row of the side panel. */
  label: (context: ProofContext) => string;
  /** Whether the tab applies to the version shown (absent: always). */
  when?: (context: ProofContext) => boolean;
  /** A number after the label (how many wait there), loaded with the tab's code. */
  count?: Component<{ context: ProofContext }>;
  component: Component<{ context: ProofContext }>;
};
