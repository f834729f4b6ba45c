import { onCleanup } from 'solid-js';

type Adapter = typeof import('@atlaskit/pragmatic-drag-and-drop/element/adapter');

let adapter: Promise<Adapter> | undefined;

/**
 * Registers a drag-and-drop behaviour (a draggable card, a drop target column) once the drag-and-drop library
 * has loaded, and removes it when the calling component goes away, also if that happens before the load.
 * The library loads after the board renders, not before: it is a third of the board's code, the cards are
 * readable and movable by keyboard and menu without it, and it is there long before a pointer can drag.
 * Call it inside onMount.
 */
export function whenDragAdapterLoaded(register: (adapter: Adapter) => () => void): void {
  let cleanup: (() => void) | undefined;
  let disposed = false;
  adapter ??= import('@atlaskit/pragmatic-drag-and-drop/element/adapter');
  void adapter.then((loaded) => {
    if (!disposed) cleanup = register(loaded);
  });
  onCleanup(() => {
    disposed = true;
    cleanup?.();
  });
}
