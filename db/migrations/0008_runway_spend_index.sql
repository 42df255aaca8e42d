DROP INDEX `charges_account_period`;--> statement-breakpoint
CREATE INDEX `charges_account_period_spend` ON `charges` (`account_id`,`period_start_ms`,`workspace_id`,`category`,`amount_fen`);