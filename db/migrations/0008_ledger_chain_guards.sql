-- Guards of the ledger hash chain (docs/decisions/014-ledger-hash-chain.md).
--
-- 1. History written before the chain existed: its accounts get no head (NULL) until it is
--    chained once at start (server/services/ledger/chainHistory.ts). An account without
--    entries starts its chain from the empty head.
-- 2. The head moves only with the account's version compare-and-set: the version trigger now
--    covers `ledger_seq` and `ledger_head_hash` too.
-- 3. Ledger entries stay immutable. The one update allowed is that one-time chaining: setting
--    `seq`, `prev_hash` and `hash` on an entry that has none, every other column unchanged.
-- 4. An entry of an account whose chain has begun must carry its link.
UPDATE `accounts` SET `ledger_head_hash` = NULL
WHERE EXISTS (SELECT 1 FROM `ledger_entries` l WHERE l.`account_id` = `accounts`.`id`);
--> statement-breakpoint
DROP TRIGGER `accounts_version_cas`;
--> statement-breakpoint
CREATE TRIGGER `accounts_version_cas`
BEFORE UPDATE OF `version`, `cash_fen`, `overdue_fen`, `overdue_since_ms`,
  `invoiceable_fen`, `invoice_reserved_fen`, `ledger_seq`, `ledger_head_hash` ON `accounts`
WHEN NEW.`version` <> OLD.`version` + 1
BEGIN
  SELECT RAISE(ABORT, 'stale_account_version');
END;
--> statement-breakpoint
DROP TRIGGER `ledger_entries_no_update`;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_no_update`
BEFORE UPDATE ON `ledger_entries`
WHEN NOT (
  OLD.`hash` IS NULL AND OLD.`seq` IS NULL AND OLD.`prev_hash` IS NULL
  AND NEW.`hash` IS NOT NULL AND NEW.`seq` IS NOT NULL AND NEW.`prev_hash` IS NOT NULL
  AND NEW.`id` = OLD.`id` AND NEW.`account_id` = OLD.`account_id`
  AND NEW.`workspace_id` IS OLD.`workspace_id` AND NEW.`instrument` = OLD.`instrument`
  AND NEW.`instrument_id` IS OLD.`instrument_id` AND NEW.`amount_fen` = OLD.`amount_fen`
  AND NEW.`balance_fen_after` IS OLD.`balance_fen_after` AND NEW.`reason` = OLD.`reason`
  AND NEW.`ref_type` = OLD.`ref_type` AND NEW.`ref_id` = OLD.`ref_id`
  AND NEW.`created_at_ms` = OLD.`created_at_ms`)
BEGIN
  SELECT RAISE(ABORT, 'ledger_entries_are_immutable');
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_chained`
BEFORE INSERT ON `ledger_entries`
WHEN NEW.`hash` IS NULL
  AND (SELECT `ledger_head_hash` FROM `accounts` WHERE `id` = NEW.`account_id`) IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'ledger_entry_unchained');
END;
