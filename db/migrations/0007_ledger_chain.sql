ALTER TABLE `accounts` ADD `ledger_seq` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `accounts` ADD `ledger_head_hash` text DEFAULT '';--> statement-breakpoint
ALTER TABLE `ledger_entries` ADD `seq` integer;--> statement-breakpoint
ALTER TABLE `ledger_entries` ADD `prev_hash` text;--> statement-breakpoint
ALTER TABLE `ledger_entries` ADD `hash` text;--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_account_seq` ON `ledger_entries` (`account_id`,`seq`);