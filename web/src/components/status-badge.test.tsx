import { render, screen } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import { StatusBadge } from './status-badge';

describe('StatusBadge', () => {
  it('names the status in words', () => {
    render(() => <StatusBadge status="PENDING_CREATIVE" />);
    expect(screen.getByText('For Creative approval').className).toContain('badge-status-pending-creative');
  });
});
