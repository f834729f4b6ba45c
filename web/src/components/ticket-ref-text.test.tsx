import { Route, Router } from '@solidjs/router';
import { cleanup, render, screen } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { splitTicketRefs, TicketRefText } from './ticket-ref-text';

afterEach(cleanup);

describe('TicketRefText', () => {
  it('links each ticket reference and keeps the rest as written', () => {
    window.history.replaceState(null, '', '/');
    render(() => (
      <Router>
        <Route path="/" component={() => <p>{<TicketRefText text={'Bright colours.\n\nRequested again after #12 was rejected.'} />}</p>} />
      </Router>
    ));
    expect(screen.getByRole('link', { name: '#12' }).getAttribute('href')).toBe('/tickets/12');
    expect(screen.getByText(/Requested again after/).textContent).toBe('Bright colours.\n\nRequested again after #12 was rejected.');
  });

  it('leaves what only looks like a reference: colours, anchors, words', () => {
    expect(splitTicketRefs('Use &#35; and colour#fff, see #7.')).toEqual(['Use &#35; and colour#fff, see ', '7', '.']);
    expect(splitTicketRefs('no refs')).toEqual(['no refs']);
  });
});
