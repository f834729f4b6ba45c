import { type ComponentProps, lazy, Suspense } from 'solid-js';

const ViewsMenu = lazy(() => import('./views-menu').then((module) => ({ default: module.ViewsMenu })));

/** The Views menu, loaded after the page renders (a placeholder keeps its place): no page's first load grows. */
export function LazyViewsMenu(props: ComponentProps<typeof ViewsMenu>) {
  return (
    <Suspense
      fallback={
        <button type="button" class="button button-quiet" disabled>
          Views
        </button>
      }
    >
      <ViewsMenu {...props} />
    </Suspense>
  );
}
