-- Guards the database keeps by itself, whatever code writes to it.
--
-- 1. The account version is a compare-and-set: a write that planned against version N must
--    set it to exactly N + 1, or the whole batch aborts with 'stale_account_version'. The same
--    trigger covers cash, overdue and the invoice counters, so none of them can change without
--    bumping the version, and a plan made against stale state can never commit.
-- 2. Ledger entries and charge parts are immutable: no UPDATE, no DELETE.
CREATE TRIGGER `accounts_version_cas`
BEFORE UPDATE OF `version`, `cash_fen`, `overdue_fen`, `overdue_since_ms`,
  `invoiceable_fen`, `invoice_reserved_fen` ON `accounts`
WHEN NEW.`version` <> OLD.`version` + 1
BEGIN
  SELECT RAISE(ABORT, 'stale_account_version');
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_no_update`
BEFORE UPDATE ON `ledger_entries`
BEGIN
  SELECT RAISE(ABORT, 'ledger_entries_are_immutable');
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_no_delete`
BEFORE DELETE ON `ledger_entries`
BEGIN
  SELECT RAISE(ABORT, 'ledger_entries_are_immutable');
END;
--> statement-breakpoint
CREATE TRIGGER `charge_parts_no_update`
BEFORE UPDATE ON `charge_parts`
BEGIN
  SELECT RAISE(ABORT, 'charge_parts_are_immutable');
END;
--> statement-breakpoint
CREATE TRIGGER `charge_parts_no_delete`
BEFORE DELETE ON `charge_parts`
BEGIN
  SELECT RAISE(ABORT, 'charge_parts_are_immutable');
END;
--> statement-breakpoint
CREATE TRIGGER `charges_no_update`
BEFORE UPDATE ON `charges`
BEGIN
  SELECT RAISE(ABORT, 'charges_are_immutable');
END;
--> statement-breakpoint
CREATE TRIGGER `charges_no_delete`
BEFORE DELETE ON `charges`
BEGIN
  SELECT RAISE(ABORT, 'charges_are_immutable');
END;
