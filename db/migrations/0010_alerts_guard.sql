-- An account's alert rules and crossing state change only with its version (decision 008:
-- the writer keeps account state in memory, so whatever a command decides on must bump the
-- version, or another process would plan on rules or crossings it no longer has).
CREATE TRIGGER `accounts_alerts_version_cas`
BEFORE UPDATE OF `alert_rules`, `alert_state` ON `accounts`
WHEN NEW.`version` <> OLD.`version` + 1
BEGIN
  SELECT RAISE(ABORT, 'stale_account_version');
END;
