/** Placeholder until the page is built. */
export default function Cards() {
  return <h1>Cards</h1>;
}
