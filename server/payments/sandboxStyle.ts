/** The look of the sandbox checkout pages, served as a stylesheet (no inline styles). */
export const SANDBOX_CSS = `body {
  font: 16px/1.5 system-ui, sans-serif;
  max-width: 28rem;
  margin: 3rem auto;
  padding: 0 1rem;
}
button {
  font: inherit;
  padding: 0.6rem 1.6rem;
  background: #1677ff;
  color: #fff;
  border: 0;
  border-radius: 6px;
}
dt {
  color: #666;
}
dd {
  margin: 0 0 0.5rem;
  font-weight: 600;
}
`;
