/**
 * An account's alert rules and which of them have fired, as the writer keeps them with the
 * account (columns `alert_rules` and `alert_state`, changed only with the account's version).
 *
 * Crossing state is a map from a crossing key to when it fired: the rule for account-wide
 * rules (`balance_below`), the rule and its subject for per-subject ones
 * (`instrument_expiring:<voucherId>`, `workspace_locked:<workspaceId>`). A key present means
 * "fired, not re-armed": the rule stays quiet until the value goes back over the threshold,
 * which deletes the key.
 */
import type { AlertRule } from '../../common/alerts.ts';

export interface StoredAlertRule {
  readonly rule: AlertRule;
  readonly enabled: boolean;
  readonly amountFen?: number;
  readonly days?: number;
}

export class AlertBook {
  private rulesCache: StoredAlertRule[] | null = null;
  private firedCache: Record<string, number> | null = null;
  private changed = false;

  constructor(
    private rulesJson: string,
    private stateJson: string,
  ) {}

  get rules(): readonly StoredAlertRule[] {
    this.rulesCache ??= JSON.parse(this.rulesJson) as StoredAlertRule[];
    return this.rulesCache;
  }

  /** The rule if the admin enabled it. */
  enabled(rule: AlertRule): StoredAlertRule | undefined {
    // Most accounts set no rules: skip parsing for them.
    if (this.rulesJson === '[]') return undefined;
    return this.rules.find((r) => r.rule === rule && r.enabled);
  }

  setRules(rules: readonly StoredAlertRule[]): void {
    this.rulesCache = [...rules];
    this.changed = true;
  }

  private get fired(): Record<string, number> {
    this.firedCache ??= JSON.parse(this.stateJson) as Record<string, number>;
    return this.firedCache;
  }

  hasFired(key: string): boolean {
    return this.stateJson !== '{}' || this.firedCache ? key in this.fired : false;
  }

  firedKeys(): string[] {
    return Object.keys(this.fired);
  }

  markFired(key: string, atMs: number): void {
    this.fired[key] = atMs;
    this.changed = true;
  }

  rearm(key: string): void {
    if (!this.hasFired(key)) return;
    delete this.fired[key];
    this.changed = true;
  }

  get isChanged(): boolean {
    return this.changed;
  }

  /** The columns as they commit: the stored text when nothing changed. */
  columns(): { alertRules: string; alertState: string } {
    if (!this.changed) return { alertRules: this.rulesJson, alertState: this.stateJson };
    return {
      alertRules: this.rulesCache ? JSON.stringify(this.rulesCache) : this.rulesJson,
      alertState: this.firedCache ? JSON.stringify(this.firedCache) : this.stateJson,
    };
  }
}
