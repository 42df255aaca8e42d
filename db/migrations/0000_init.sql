CREATE TABLE `accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`remittance_ref` text NOT NULL,
	`cash_fen` integer DEFAULT 0 NOT NULL,
	`overdue_fen` integer DEFAULT 0 NOT NULL,
	`overdue_since_ms` integer,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at_ms` integer NOT NULL,
	CONSTRAINT "accounts_cash_nonnegative" CHECK("accounts"."cash_fen" >= 0),
	CONSTRAINT "accounts_overdue_nonnegative" CHECK("accounts"."overdue_fen" >= 0),
	CONSTRAINT "accounts_cash_or_overdue" CHECK("accounts"."cash_fen" = 0 OR "accounts"."overdue_fen" = 0),
	CONSTRAINT "accounts_overdue_since" CHECK(("accounts"."overdue_fen" = 0) = ("accounts"."overdue_since_ms" IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_remittance_ref` ON `accounts` (`remittance_ref`);--> statement-breakpoint
CREATE INDEX `accounts_name` ON `accounts` (`name`);--> statement-breakpoint
CREATE TABLE `workspaces` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`name` text NOT NULL,
	`settlement_method` text DEFAULT 'billing_center' NOT NULL,
	`cloud_provider` text,
	`cloud_account_id` text,
	`method_changed_at_ms` integer,
	`created_at_ms` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "workspaces_cloud_fields" CHECK(("workspaces"."settlement_method" = 'cloud_account') =
          ("workspaces"."cloud_provider" IS NOT NULL AND "workspaces"."cloud_account_id" IS NOT NULL)),
	CONSTRAINT "workspaces_method" CHECK("workspaces"."settlement_method" IN ('billing_center', 'cloud_account'))
);
--> statement-breakpoint
CREATE INDEX `workspaces_account` ON `workspaces` (`account_id`);--> statement-breakpoint
CREATE TABLE `charge_parts` (
	`charge_id` text NOT NULL,
	`position` integer NOT NULL,
	`source` text NOT NULL,
	`instrument_id` text,
	`instrument_number` text,
	`amount_fen` integer NOT NULL,
	`balance_fen_after` integer,
	PRIMARY KEY(`charge_id`, `position`),
	FOREIGN KEY (`charge_id`) REFERENCES `charges`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "charge_parts_amount_positive" CHECK("charge_parts"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE INDEX `charge_parts_instrument` ON `charge_parts` (`instrument_id`);--> statement-breakpoint
CREATE TABLE `charges` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`category` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`period_start_ms` integer NOT NULL,
	`period_end_ms` integer NOT NULL,
	`description` text NOT NULL,
	`settlement_method` text NOT NULL,
	`cloud_provider` text,
	`cloud_account_id` text,
	`paid_fen` integer NOT NULL,
	`overdue_fen` integer NOT NULL,
	`cloud_fen` integer NOT NULL,
	`settled_at_ms` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "charges_amount_positive" CHECK("charges"."amount_fen" > 0),
	CONSTRAINT "charges_split" CHECK("charges"."paid_fen" >= 0 AND "charges"."overdue_fen" >= 0 AND "charges"."cloud_fen" >= 0 AND
          "charges"."paid_fen" + "charges"."overdue_fen" + "charges"."cloud_fen" = "charges"."amount_fen")
);
--> statement-breakpoint
CREATE INDEX `charges_account_settled` ON `charges` (`account_id`,`settled_at_ms`,`id`);--> statement-breakpoint
CREATE INDEX `charges_workspace_settled` ON `charges` (`workspace_id`,`settled_at_ms`,`id`);--> statement-breakpoint
CREATE TABLE `prepaid_cards` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`account_id` text NOT NULL,
	`denomination_fen` integer NOT NULL,
	`balance_fen` integer NOT NULL,
	`status` text NOT NULL,
	`valid_from_ms` integer NOT NULL,
	`expires_at_ms` integer NOT NULL,
	`purchased_at_ms` integer NOT NULL,
	`source` text NOT NULL,
	`partner_id` text,
	`source_ref` text NOT NULL,
	`created_at_ms` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "prepaid_cards_denomination_positive" CHECK("prepaid_cards"."denomination_fen" > 0),
	CONSTRAINT "prepaid_cards_balance_range" CHECK("prepaid_cards"."balance_fen" >= 0 AND "prepaid_cards"."balance_fen" <= "prepaid_cards"."denomination_fen"),
	CONSTRAINT "prepaid_cards_validity" CHECK("prepaid_cards"."valid_from_ms" < "prepaid_cards"."expires_at_ms"),
	CONSTRAINT "prepaid_cards_status" CHECK("prepaid_cards"."status" IN ('active', 'used_up', 'expired')),
	CONSTRAINT "prepaid_cards_partner" CHECK(("prepaid_cards"."source" = 'partner') = ("prepaid_cards"."partner_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `prepaid_cards_number` ON `prepaid_cards` (`number`);--> statement-breakpoint
CREATE INDEX `prepaid_cards_account_status` ON `prepaid_cards` (`account_id`,`status`);--> statement-breakpoint
CREATE TABLE `vouchers` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`account_id` text NOT NULL,
	`type` text NOT NULL,
	`denomination_fen` integer NOT NULL,
	`balance_fen` integer NOT NULL,
	`status` text NOT NULL,
	`activated_at_ms` integer NOT NULL,
	`valid_from_ms` integer NOT NULL,
	`expires_at_ms` integer NOT NULL,
	`source` text NOT NULL,
	`source_ref` text NOT NULL,
	`created_at_ms` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "vouchers_denomination_positive" CHECK("vouchers"."denomination_fen" > 0),
	CONSTRAINT "vouchers_balance_range" CHECK("vouchers"."balance_fen" >= 0 AND "vouchers"."balance_fen" <= "vouchers"."denomination_fen"),
	CONSTRAINT "vouchers_validity" CHECK("vouchers"."valid_from_ms" < "vouchers"."expires_at_ms"),
	CONSTRAINT "vouchers_type" CHECK("vouchers"."type" IN ('regular', 'discount')),
	CONSTRAINT "vouchers_status" CHECK("vouchers"."status" IN ('active', 'used_up', 'expired', 'voided'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `vouchers_number` ON `vouchers` (`number`);--> statement-breakpoint
CREATE INDEX `vouchers_account_status` ON `vouchers` (`account_id`,`status`);--> statement-breakpoint
CREATE TABLE `ledger_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` text NOT NULL,
	`workspace_id` text,
	`instrument` text NOT NULL,
	`instrument_id` text,
	`amount_fen` integer NOT NULL,
	`balance_fen_after` integer,
	`reason` text NOT NULL,
	`ref_type` text NOT NULL,
	`ref_id` text NOT NULL,
	`created_at_ms` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ledger_account_id` ON `ledger_entries` (`account_id`,`id`);--> statement-breakpoint
CREATE INDEX `ledger_account_instrument` ON `ledger_entries` (`account_id`,`instrument`,`id`);--> statement-breakpoint
CREATE INDEX `ledger_instrument_id` ON `ledger_entries` (`instrument_id`);--> statement-breakpoint
CREATE INDEX `ledger_ref` ON `ledger_entries` (`ref_type`,`ref_id`);--> statement-breakpoint
CREATE INDEX `ledger_account_workspace` ON `ledger_entries` (`account_id`,`workspace_id`,`id`);--> statement-breakpoint
CREATE TABLE `bank_transfers` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`bank_serial` text NOT NULL,
	`reference` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`overdue_paid_fen` integer NOT NULL,
	`cash_credited_fen` integer NOT NULL,
	`recorded_by` text NOT NULL,
	`received_at_ms` integer NOT NULL,
	`created_at_ms` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "bank_transfers_split" CHECK("bank_transfers"."amount_fen" > 0 AND "bank_transfers"."overdue_paid_fen" >= 0 AND "bank_transfers"."cash_credited_fen" >= 0 AND
          "bank_transfers"."overdue_paid_fen" + "bank_transfers"."cash_credited_fen" = "bank_transfers"."amount_fen")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bank_transfers_serial` ON `bank_transfers` (`bank_serial`);--> statement-breakpoint
CREATE INDEX `bank_transfers_account` ON `bank_transfers` (`account_id`);--> statement-breakpoint
CREATE TABLE `operations` (
	`key` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`request` text NOT NULL,
	`result` text NOT NULL,
	`created_at_ms` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`role` text NOT NULL,
	`account_id` text,
	`label` text NOT NULL,
	`salt_hex` text NOT NULL,
	`hash_hex` text NOT NULL,
	`created_at_ms` integer NOT NULL,
	`revoked_at_ms` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "api_keys_role" CHECK("api_keys"."role" IN ('operator', 'partner', 'metering', 'admin', 'viewer')),
	CONSTRAINT "api_keys_scope" CHECK(("api_keys"."role" IN ('admin', 'viewer')) = ("api_keys"."account_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX `api_keys_account` ON `api_keys` (`account_id`);