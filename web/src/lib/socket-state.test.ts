import { describe, expect, it } from 'vitest';
import { nextSocketState, registerResume, resumeVariables } from './socket-state';

describe('socket state', () => {
  it('tells a first connection from a reconnection', () => {
    expect(nextSocketState('idle', { type: 'connecting', retry: false }, true)).toBe('connecting');
    expect(nextSocketState('connecting', { type: 'connected' }, true)).toBe('connected');
    expect(nextSocketState('connected', { type: 'closed', code: 1006 }, true)).toBe('reconnecting');
    expect(nextSocketState('reconnecting', { type: 'connecting', retry: true }, true)).toBe('reconnecting');
    expect(nextSocketState('reconnecting', { type: 'connected' }, true)).toBe('connected');
  });

  it('says offline without network, and reconnecting once it is back', () => {
    expect(nextSocketState('connected', { type: 'offline' }, false)).toBe('offline');
    expect(nextSocketState('connected', { type: 'closed', code: 1006 }, false)).toBe('offline');
    expect(nextSocketState('offline', { type: 'online' }, true)).toBe('reconnecting');
    expect(nextSocketState('connected', { type: 'online' }, true)).toBe('connected');
  });

  it('is idle after a deliberate close', () => {
    expect(nextSocketState('connected', { type: 'closed', code: 1000 }, true)).toBe('idle');
  });

  it('says reconnecting when a socket closes before it was acknowledged, whatever the close code', () => {
    // A proxy that refuses WebSockets may close with 1000; graphql-ws then retries as a first connection.
    expect(nextSocketState('connecting', { type: 'closed', code: 1000 }, true)).toBe('reconnecting');
    expect(nextSocketState('reconnecting', { type: 'connecting', retry: false }, true)).toBe('reconnecting');
    expect(nextSocketState('reconnecting', { type: 'closed', code: 1000 }, true)).toBe('reconnecting');
    // The acknowledgement timeout (4504) of a socket the server never answered.
    expect(nextSocketState('connecting', { type: 'closed', code: 4504 }, true)).toBe('reconnecting');
    expect(nextSocketState('connecting', { type: 'closed', code: 1000 }, false)).toBe('offline');
  });
});

describe('resumable subscriptions', () => {
  it('re-sends a registered subscription from the latest point, and others unchanged', () => {
    let last = '41';
    const unregister = registerResume('TicketEvents', (variables) => ({ ...variables, afterEventId: last }));
    expect(resumeVariables('TicketEvents', { afterEventId: null })).toEqual({ afterEventId: '41' });
    last = '57';
    expect(resumeVariables('TicketEvents', { afterEventId: null })).toEqual({ afterEventId: '57' });
    expect(resumeVariables('DashboardStatsChanged', { departmentId: 'D1' })).toEqual({ departmentId: 'D1' });
    unregister();
    expect(resumeVariables('TicketEvents', { afterEventId: null })).toEqual({ afterEventId: null });
  });
});
