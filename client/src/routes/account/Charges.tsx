/** Placeholder until the page is built. */
export default function Charges() {
  return <h1>Charges</h1>;
}
