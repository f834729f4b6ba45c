// A saved view is a named URL query: what the page's filters write to the URL, kept as { key: value }. These turn
// one into the other, so opening a view (or a link to it) puts exactly those filters back in the URL.

export type ViewFilter = Record<string, string | string[]>;

/** The query parameters worth keeping: set ones only (the router gives unset ones as undefined). */
export function viewFilterOf(params: Record<string, string | undefined>): ViewFilter {
  return Object.fromEntries(Object.entries(params).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''));
}

/** The page's URL for a view: `path?key=value…` (a list is written as the page writes it, comma-separated). */
export function viewHref(path: string, filter: unknown): string {
  const search = new URLSearchParams();
  if (filter && typeof filter === 'object') {
    for (const [key, value] of Object.entries(filter)) {
      const text = Array.isArray(value) ? value.join(',') : typeof value === 'string' ? value : '';
      if (text) search.set(key, text);
    }
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}
