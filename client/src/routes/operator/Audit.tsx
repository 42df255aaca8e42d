/** Placeholder until the page is built. */
export default function Audit() {
  return <h1>Audit</h1>;
}
