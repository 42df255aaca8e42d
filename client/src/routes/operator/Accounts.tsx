/** Placeholder until the page is built. */
export default function Accounts() {
  return <h1>Accounts</h1>;
}
