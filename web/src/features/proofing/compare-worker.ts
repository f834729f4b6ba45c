// Computes a difference off the main thread: a 2048 px comparison takes a few hundred milliseconds, which would
// freeze zoom, the slider and typing if it ran beside them.
import { diffPixels, type Pixels } from './compare-diff';

type Job = { older: Pixels; newer: Pixels };

const scope = self as unknown as { onmessage: ((event: MessageEvent<Job>) => void) | null; postMessage: (message: unknown, transfer: Transferable[]) => void };

scope.onmessage = (event) => {
  try {
    const difference = diffPixels(event.data.older, event.data.newer);
    scope.postMessage({ ok: true, difference }, [difference.data.buffer]);
  } catch (error) {
    scope.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) }, []);
  }
};
