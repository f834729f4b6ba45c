// Where other proofing features plug into the proof view (proof-view.tsx) without it knowing them: buttons in
// its toolbar and tabs in its side panel (the annotation threads are the first tab). Each entry loads its code
// on first use (`lazy`), so the view's own chunk stays small. Version compare and review decisions add their
// entries to the two lists below; their components take the types in proof-types.ts (import them from there:
// importing this file from a plug-in is an import cycle).

import { lazy } from 'solid-js';

import { previousVersion } from './previous-version';
import type { ProofPanelTab, ProofToolbarItem } from './proof-types';

export type { ProofAnnotation, ProofContext, ProofPanelTab, ProofToolbarItem, ProofVersion } from './proof-types';

/** Toolbar buttons after zoom and the drawing tools. Version compare and review decisions: add yours here. */
export const proofToolbarItems: ProofToolbarItem[] = [
  { id: 'compare', component: lazy(() => import('./compare-button').then((module) => ({ default: module.CompareButton }))) },
];

/** Side-panel tabs after "Comments". Version compare and review decisions: add yours here. */
export const proofPanelTabs: ProofPanelTab[] = [
  {
    id: 'carried-over',
    label: (context) => `From v${previousVersion(context)?.version ?? ''}`,
    // Version 1 has nothing before it to carry over.
    when: (context) => previousVersion(context) !== undefined,
    count: lazy(() => import('./compare-carried-over').then((module) => ({ default: module.CarriedOverCount }))),
    component: lazy(() => import('./compare-carried-over').then((module) => ({ default: module.CarriedOver }))),
  },
  { id: 'decisions', label: () => 'Decisions', component: lazy(() => import('./decision-panel').then((module) => ({ default: module.DecisionPanel }))) },
];
