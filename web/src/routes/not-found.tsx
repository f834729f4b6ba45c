import { A } from '@solidjs/router';

export function NotFoundPage() {
  return (
    <section class="page">
      <h1 class="page-title">Page not found</h1>
      <p class="muted">There is nothing at this address.</p>
      <p>
        <A href="/">Back to home</A>
      </p>
    </section>
  );
}
