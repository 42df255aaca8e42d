/** Placeholder until the page is built. */
export default function Workspaces() {
  return <h1>Workspaces</h1>;
}
