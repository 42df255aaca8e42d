/** Placeholder until the page is built. */
export default function TopUp() {
  return <h1>TopUp</h1>;
}
