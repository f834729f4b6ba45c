// The ticket list or board the person last looked at in this tab, with its filters: where leaving a ticket that
// is gone (just deleted) lands. Going back in the history instead could land anywhere, such as the request form
// the ticket was just sent from.

/** The pages that list tickets (the board is one). */
const LIST_PATHS: readonly string[] = ['/tickets', '/board', '/my-tasks'];

let lastList: string | undefined;

/** Notes a page the person opened; the signed-in layout calls it on every navigation. */
export function rememberPage(location: { pathname: string; search: string }): void {
  const path = location.pathname.replace(/(.)\/$/, '$1');
  if (LIST_PATHS.includes(path)) lastList = path + location.search;
}

/** The list or board last opened (path and query), or `fallback` when none was in this tab. */
export function lastListOr(fallback: string): string {
  return lastList ?? fallback;
}
