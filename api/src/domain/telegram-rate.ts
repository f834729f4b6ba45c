// Telegram's flood limits as a pure decision over persisted state: about one message per second to a chat,
// and at most 20 a minute to a group (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this).

export type ChatRateState = {
  /** Send times within the last minute (any order). */
  recentSends: readonly Date[];
  /** Telegram's retry_after: nothing before this. */
  blockedUntil: Date | null;
};

export type ChatRateLimits = { perChatIntervalMs: number; groupPerMinute: number };

export const TELEGRAM_LIMITS: ChatRateLimits = { perChatIntervalMs: 1_000, groupPerMinute: 20 };

const MINUTE_MS = 60_000;

/** Group and supergroup ids are negative; private chats (users) are positive. */
export const isGroupChat = (chatId: string) => chatId.startsWith('-');

export type SlotDecision = { ok: true; recentSends: Date[] } | { ok: false; retryAt: Date };

/** May a message go to the chat now? If so, the state to store; if not, the earliest time it may. */
export function reserveSlot(chatId: string, state: ChatRateState, now: Date, limits: ChatRateLimits = TELEGRAM_LIMITS): SlotDecision {
  const at = now.getTime();
  const recent = state.recentSends
    .map((sent) => sent.getTime())
    .filter((sent) => sent > at - MINUTE_MS)
    .sort((a, b) => a - b);
  let earliest = state.blockedUntil?.getTime() ?? 0;
  const last = recent.at(-1);
  if (last !== undefined) earliest = Math.max(earliest, last + limits.perChatIntervalMs);
  if (isGroupChat(chatId) && recent.length >= limits.groupPerMinute) {
    const oldestCounted = recent[recent.length - limits.groupPerMinute] as number;
    earliest = Math.max(earliest, oldestCounted + MINUTE_MS);
  }
  if (earliest > at) return { ok: false, retryAt: new Date(earliest) };
  return { ok: true, recentSends: [...recent, at].map((time) => new Date(time)) };
}

/** Exponential backoff after the n-th failed attempt (n ≥ 1), capped. */
export function backoffMs(attempts: number, baseMs: number, capMs: number): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempts - 1));
}
