import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { workloadParts } from '../ticket-actions/member-workload';
import { DownloadButton } from './download-button';
import { KpiTile } from './kpi-tile';

vi.mock('../../lib/session', () => ({ freshAccessToken: async () => 'token-123' }));

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('KpiTile', () => {
  it('is coloured by its status and says the status in words too', () => {
    render(() => (
      <ul>
        <KpiTile label="On-time rate" value="72 %" status="RED" detail="target ≥ 80 %" />
      </ul>
    ));
    const tile = screen.getByRole('listitem');
    expect(tile.className).toContain('kpi-tile-red');
    expect(tile.textContent).toContain('Off target');
    expect(tile.textContent).toContain('target ≥ 80 %');
  });
});

describe('DownloadButton', () => {
  it('fetches the export with the bearer token and saves it under the given name', async () => {
    const fetchMock = vi.fn(async () => new Response('a,b\n1,2\n', { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    const saved: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    URL.createObjectURL = vi.fn(() => 'blob:export');
    URL.revokeObjectURL = vi.fn();
    render(() => <DownloadButton href="/export/analytics.csv?from=x" fileName="analytics.csv" label="Export analytics (CSV)" />);
    fireEvent.click(screen.getByRole('button', { name: 'Export analytics (CSV)' }));
    await vi.waitFor(() => expect(saved).toEqual(['analytics.csv']));
    expect(fetchMock).toHaveBeenCalledWith('/export/analytics.csv?from=x', { headers: { authorization: 'Bearer token-123' } });
    click.mockRestore();
  });

  it('says so in words when the server refuses', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('', { status: 403 })),
    );
    render(() => <DownloadButton href="/export/tickets.csv" fileName="tickets.csv" label="Export tickets (CSV)" />);
    fireEvent.click(screen.getByRole('button', { name: 'Export tickets (CSV)' }));
    expect((await screen.findByRole('alert')).textContent).toBe('You may not export these figures.');
  });
});

describe('workloadParts', () => {
  it("sums up a member's open work for the assign picker, the overdue part marked", () => {
    const text = (load: Parameters<typeof workloadParts>[0]) =>
      workloadParts(load)
        .map((part) => (part.late ? `!${part.text}` : part.text))
        .join(' · ');
    expect(text({ inProgress: 0, queued: 0, overdue: 0, dueSoon: 0 })).toBe('Free');
    expect(text({ inProgress: 2, queued: 1, overdue: 1, dueSoon: 0 })).toBe('2 in progress · 1 queued · !1 overdue');
    expect(text({ inProgress: 1, queued: 0, overdue: 0, dueSoon: 1 })).toBe('1 in progress · 0 queued · 1 due within a day');
  });
});
