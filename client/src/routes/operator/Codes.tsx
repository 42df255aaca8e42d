/** Placeholder until the page is built. */
export default function Codes() {
  return <h1>Codes</h1>;
}
