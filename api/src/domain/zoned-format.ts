// One Intl.DateTimeFormat per time zone for a given locale and shape, built once: building one costs far more
// than using it, and the same few zones (the team's, each person's) are asked again and again. Time zones are
// validated IANA names (a bounded set), so the caches stay small.

/** A cached formatter factory: `zonedFormat('en-GB', { hour: '2-digit' })('Asia/Manila')`. */
export function zonedFormat(locale: string, options: Omit<Intl.DateTimeFormatOptions, 'timeZone'>): (timeZone: string) => Intl.DateTimeFormat {
  const byZone = new Map<string, Intl.DateTimeFormat>();
  return (timeZone) => {
    let format = byZone.get(timeZone);
    if (!format) {
      format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
      byZone.set(timeZone, format);
    }
    return format;
  };
}
