/** Placeholder until the page is built. */
export default function ChargeDetail() {
  return <h1>ChargeDetail</h1>;
}
