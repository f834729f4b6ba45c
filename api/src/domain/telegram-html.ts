// Telegram's HTML parse mode: every user-supplied text goes through escapeHtml, and a mention is a link to
// the linked account or the @username. Pure string building, tested on its own.

/** Telegram's HTML mode needs exactly these four escaped (https://core.telegram.org/bots/api#html-style). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export type MentionTarget = { displayName: string; telegramChatId: string | null; telegramUsername: string | null };

/** A linked account is mentioned by id (works without a username); else the @username; else the plain name. */
export function mention(user: MentionTarget): string {
  if (user.telegramChatId && /^\d+$/.test(user.telegramChatId)) {
    return `<a href="tg://user?id=${user.telegramChatId}">${escapeHtml(user.displayName)}</a>`;
  }
  if (user.telegramUsername) return `@${escapeHtml(user.telegramUsername)}`;
  return escapeHtml(user.displayName);
}

export function ticketLink(frontendUrl: string | undefined, ticketNumber: number): string | null {
  if (!frontendUrl) return null;
  const href = `${frontendUrl.replace(/\/+$/, '')}/tickets/${ticketNumber}`;
  return `<a href="${escapeHtml(href)}">Open #${ticketNumber}</a>`;
}
