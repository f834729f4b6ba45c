/** A person's initials in a circle (there are no profile pictures). */
export function Avatar(props: { name: string }) {
  const initials = () =>
    props.name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((word) => word[0]?.toUpperCase())
      .join('');
  return (
    <span class="avatar" aria-hidden="true">
      {initials()}
    </span>
  );
}
