// A subscription over HTTP (an event stream: /graphql/stream, or /graphql with Accept: text/event-stream) ends when
// the token it was opened with expires or its session ends (a logout, a revoked API token, a deactivation, a new role),
// as a socket closes with 4403 then (realtime/ws-server.ts). Its last event is an UNAUTHENTICATED error, so the
// client knows to refresh its token and subscribe again (with afterEventId, it misses nothing). Over graphql-ws the
// socket itself closes, so its operations (no Fetch `request` in their context) are left alone here.
import type { ExecutionResult } from 'graphql';
import { isAsyncIterable, type Plugin, Repeater } from 'graphql-yoga';
import type { Context } from '../context.ts';
import { UnauthenticatedError } from '../domain/errors.ts';
import { atTime } from '../realtime/at-time.ts';
import { toPublicError } from './errors.ts';

/** The source's results until `ended` resolves; then that error as the last event, and the source is returned. */
function until(source: AsyncIterable<ExecutionResult>, ended: Promise<UnauthenticatedError>, cleanup: () => void) {
  return new Repeater<ExecutionResult>(async (push, stop) => {
    const iterator = source[Symbol.asyncIterator]();
    void ended.then(async (error) => {
      await push({ errors: [toPublicError(error)] });
      stop();
    });
    try {
      for (;;) {
        const next = await Promise.race([iterator.next(), stop.then(() => ({ done: true }) as const)]);
        if (next.done) break;
        await push(next.value);
      }
      stop();
    } catch (error) {
      stop(error);
    } finally {
      cleanup();
      await iterator.return?.();
    }
  });
}

export function subscriptionLifetime(): Plugin<Context> {
  return {
    onSubscribe: () => ({
      onSubscribeResult: ({ args, result, setResult }) => {
        const context = args.contextValue as Context & { request?: Request };
        const { viewer, viewerExpiresAt, viewerSessionId, realtime } = context;
        if (!context.request || !viewer || !isAsyncIterable(result)) return;
        let end: (error: UnauthenticatedError) => void = () => {};
        const ended = new Promise<UnauthenticatedError>((resolve) => (end = resolve));
        const cancelTimer = viewerExpiresAt
          ? atTime(viewerExpiresAt, () => end(new UnauthenticatedError('The access token expired: refresh it and subscribe again.')))
          : () => {};
        const stopListening = realtime.onSessionsEnded(({ userId, sessionId }) => {
          if (userId === viewer.id && (!sessionId || sessionId === viewerSessionId)) end(new UnauthenticatedError('The session ended: sign in again.'));
        });
        setResult(
          until(result as AsyncIterable<ExecutionResult>, ended, () => {
            cancelTimer();
            stopListening();
          }),
        );
      },
    }),
  };
}
