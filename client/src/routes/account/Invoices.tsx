/** Placeholder until the page is built. */
export default function Invoices() {
  return <h1>Invoices</h1>;
}
