import { Route, Router } from '@solidjs/router';
import { cleanup, render, screen } from '@solidjs/testing-library';
import { createSignal } from 'solid-js';
import { afterEach, describe, expect, it } from 'vitest';
import { ApprovalCard } from './approval-card';

afterEach(cleanup);

function renderCard(count: () => number | null | undefined) {
  window.history.replaceState(null, '', '/');
  render(() => (
    <Router>
      <Route path="/" component={() => <ApprovalCard count={count()} />} />
    </Router>
  ));
}

describe('ApprovalCard', () => {
  it('says how many tickets wait for the viewer, links to My tasks, and follows the live number', async () => {
    const [count, setCount] = createSignal<number | null>(3);
    renderCard(count);
    const link = await screen.findByRole('link', { name: 'Waiting for your approval 3' });
    expect(link.getAttribute('href')).toBe('/my-tasks');
    setCount(0);
    // Nothing waiting is still worth saying to someone who approves.
    expect(screen.getByRole('link', { name: 'Waiting for your approval 0' })).toBe(link);
  });

  it('shows nothing to whoever approves nothing (the API answers null)', async () => {
    renderCard(() => null);
    await Promise.resolve();
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.queryByText('Waiting for your approval')).toBeNull();
  });
});
