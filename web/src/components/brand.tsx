/** The product's name with its mark, for headers and the sign-in card. */
export function Brand() {
  return (
    <span class="brand">
      <span class="brand-mark" aria-hidden="true">
        J
      </span>
      <span class="brand-name">
        Juan365 <span class="brand-product">Ticketing</span>
      </span>
    </span>
  );
}
