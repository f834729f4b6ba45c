// View state kept in the URL's query string (filters, sort, page), so a view can be linked, bookmarked and
// restored with Back. A view declares its fields once; `parse` reads the query (unknown or malformed
// values fall back to the default) and `serialize` writes only what differs from the default, so the
// plain URL means "no filters". Pure and tested (url-state.test.ts).

/** One field: how it reads from and writes to its query parameter. (Method syntax keeps fields of
 * different value types assignable to one record.) */
export type UrlField<T> = {
  defaultValue: T;
  parse(raw: string): T | undefined;
  format(value: T): string;
  equals?(a: T, b: T): boolean;
};

export type UrlFields = Record<string, UrlField<unknown>>;
export type UrlValues<F extends UrlFields> = { [K in keyof F]: F[K] extends UrlField<infer T> ? T : never };

/** Query parameters as the router gives them (a repeated key may come as an array). */
export type RawParams = Partial<Record<string, string | string[] | undefined>>;

export function parseUrlState<F extends UrlFields>(fields: F, params: RawParams): UrlValues<F> {
  const values: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(fields)) {
    const raw = params[key];
    const text = Array.isArray(raw) ? raw.join(',') : raw;
    const parsed = text === undefined || text === '' ? undefined : field.parse(text);
    values[key] = parsed === undefined ? field.defaultValue : parsed;
  }
  return values as UrlValues<F>;
}

/** Every field as a parameter; `undefined` for a default, so the router removes it from the URL. */
export function serializeUrlState<F extends UrlFields>(fields: F, values: Partial<UrlValues<F>>): Record<string, string | undefined> {
  const params: Record<string, string | undefined> = {};
  for (const [key, field] of Object.entries(fields)) {
    if (!(key in values)) continue;
    const value = (values as Record<string, unknown>)[key];
    const isDefault = (field.equals ?? Object.is)(value, field.defaultValue);
    const text = isDefault || value === undefined ? '' : field.format(value);
    params[key] = text === '' ? undefined : text;
  }
  return params;
}

/** The query string (without "?") for the values: defaults dropped, fields in declaration order. */
export function urlSearch<F extends UrlFields>(fields: F, values: Partial<UrlValues<F>>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(serializeUrlState(fields, values))) {
    if (value !== undefined) search.set(key, value);
  }
  return search.toString();
}

// Field kinds

export function textField(): UrlField<string> {
  return { defaultValue: '', parse: (raw) => raw.trim() || undefined, format: (value) => value.trim() };
}

export function oneOfField<const T extends string>(options: readonly T[], defaultValue: T): UrlField<T> {
  return {
    defaultValue,
    parse: (raw) => ((options as readonly string[]).includes(raw) ? (raw as T) : undefined),
    format: (value) => value,
  };
}

/** Several of a fixed set, comma-separated; unknown entries are dropped, order follows `options`. */
export function listField<const T extends string>(options: readonly T[]): UrlField<T[]> {
  return {
    defaultValue: [],
    parse: (raw) => {
      const picked = new Set(raw.split(','));
      const values = options.filter((option) => picked.has(option));
      return values.length > 0 ? values : undefined;
    },
    format: (values) => options.filter((option) => values.includes(option)).join(','),
    equals: (a, b) => a.length === b.length && a.every((value) => b.includes(value)),
  };
}

export function flagField(): UrlField<boolean> {
  return { defaultValue: false, parse: (raw) => (raw === '1' || raw === 'true' ? true : undefined), format: (value) => (value ? '1' : '') };
}
