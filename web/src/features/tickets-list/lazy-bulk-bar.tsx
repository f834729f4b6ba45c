import { type ComponentProps, lazy, Suspense } from 'solid-js';

const BulkBar = lazy(() => import('./bulk-bar').then((module) => ({ default: module.BulkBar })));

/** The bulk actions bar, loaded when the first row is selected: the list's first load does not carry it. */
export function LazyBulkBar(props: ComponentProps<typeof BulkBar>) {
  return (
    <Suspense fallback={<p class="bulk-bar muted">Loading actions…</p>}>
      <BulkBar {...props} />
    </Suspense>
  );
}
