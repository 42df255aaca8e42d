/**
 * Accessibility checks in the real browser: axe-core (the installed copy) runs inside the
 * page and reports what it finds; a test fails on any serious or critical violation.
 *
 * The script is evaluated through the DevTools protocol (`page.evaluate` with its source),
 * not added as a <script> tag, so a Content-Security-Policy on the page cannot block it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeResults } from 'axe-core';
import { expect } from 'vitest';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), {
  encoding: 'utf8',
});

export interface Violation {
  readonly rule: string;
  readonly impact: string;
  readonly help: string;
  /** The offending elements (CSS selectors) and what axe says about the first of them. */
  readonly nodes: readonly string[];
  readonly summary: string;
}

/** The serious and critical violations axe finds in the page as it is now. */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  const loaded = await page.evaluate('typeof window.axe === "object"');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<AxeResults> } })
      .axe;
    const results = await axe.run(document);
    return results.violations.map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? 'unknown',
      help: violation.help,
      nodes: violation.nodes.map((node) => node.target.join(' ')),
      summary: violation.nodes[0]?.failureSummary ?? '',
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Checks page after page and reports them all at the end, so one run shows every problem:
 * `check` after each page, `expectNone` once.
 */
export function accessibilityAudit(): {
  check: (page: Page, name: string) => Promise<void>;
  expectNone: () => void;
} {
  const found: Record<string, Violation[]> = {};
  return {
    async check(page, name) {
      const violations = await seriousViolations(page);
      if (violations.length > 0) found[name] = violations;
    },
    expectNone() {
      expect(found, 'serious or critical accessibility violations, by page').toEqual({});
    },
  };
}
