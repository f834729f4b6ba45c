/** A hue from the whole name, the same on every page: two people with the same initials still look apart. */
function hueOf(name: string): number {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) % 360;
  return hash;
}

/** A person's initials in a circle of their own colour (there are no profile pictures). */
export function Avatar(props: { name: string }) {
  const initials = () =>
    props.name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((word) => word[0]?.toUpperCase())
      .join('');
  return (
    <span class="avatar avatar-toned" style={{ '--avatar-hue': String(hueOf(props.name)) }} aria-hidden="true">
      {initials()}
    </span>
  );
}
