/** Placeholder until the page is built. */
export default function Vouchers() {
  return <h1>Vouchers</h1>;
}
