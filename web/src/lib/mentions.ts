// `@` autocomplete in the comment box (components/comment-composer.tsx): which partial @name the caret is in,
// and what the text becomes once a person is picked. Usernames follow the API (letters, digits, . _ -).

export type MentionQuery = { start: number; query: string };

/** The @word the caret is at the end of, or null (an @ inside an e-mail address does not count). */
export function mentionAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const match = /(^|[^a-z0-9._@-])@([a-z0-9._-]{0,32})$/i.exec(before);
  if (!match) return null;
  const query = match[2] ?? '';
  return { start: caret - query.length - 1, query };
}

/** Replaces the partial mention with `@username ` and says where the caret goes next. */
export function insertMention(text: string, mention: MentionQuery, caret: number, username: string): { text: string; caret: number } {
  const inserted = `@${username} `;
  const after = text
    .slice(caret)
    .replace(/^[a-z0-9._-]*/i, '')
    .replace(/^ /, '');
  return { text: text.slice(0, mention.start) + inserted + after, caret: mention.start + inserted.length };
}
