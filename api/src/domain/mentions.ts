// @username mentions in comment text. Usernames follow domain/users.ts: lowercase letters, digits, . _ -.

const MENTION = /(^|[^a-z0-9._@-])@([a-z0-9](?:[a-z0-9._-]{0,30}[a-z0-9])?)/gi;

/** The distinct usernames mentioned, lowercased, in order of first appearance. */
export function mentionedUsernames(text: string): string[] {
  const found = new Set<string>();
  for (const [, , username] of text.matchAll(MENTION)) if (username) found.add(username.toLowerCase());
  return [...found];
}
