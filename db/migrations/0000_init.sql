CREATE TABLE `accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`remittance_ref` text NOT NULL,
	`cash_fen` integer DEFAULT 0 NOT NULL,
	`overdue_fen` integer DEFAULT 0 NOT NULL,
	`overdue_since_ms` integer,
	`version` integer DEFAULT 0 NOT NULL,
	`invoiceable_fen` integer DEFAULT 0 NOT NULL,
	`invoice_reserved_fen` integer DEFAULT 0 NOT NULL,
	`created_at_ms` integer NOT NULL,
	CONSTRAINT "accounts_cash_nonnegative" CHECK("accounts"."cash_fen" >= 0),
	CONSTRAINT "accounts_overdue_nonnegative" CHECK("accounts"."overdue_fen" >= 0),
	CONSTRAINT "accounts_cash_or_overdue" CHECK("accounts"."cash_fen" = 0 OR "accounts"."overdue_fen" = 0),
	CONSTRAINT "accounts_invoice_reserved" CHECK("accounts"."invoice_reserved_fen" >= 0 AND "accounts"."invoice_reserved_fen" <= "accounts"."invoiceable_fen"),
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
	`forfeited_fen` integer DEFAULT 0 NOT NULL,
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
	`forfeited_fen` integer DEFAULT 0 NOT NULL,
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
CREATE INDEX `api_keys_account` ON `api_keys` (`account_id`);--> statement-breakpoint
CREATE TABLE `activation_batches` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`denomination_fen` integer NOT NULL,
	`quantity` integer NOT NULL,
	`code_deadline_ms` integer NOT NULL,
	`validity_kind` text NOT NULL,
	`validity_days` integer,
	`valid_from_ms` integer,
	`expires_at_ms` integer,
	`note` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at_ms` integer NOT NULL,
	CONSTRAINT "activation_batches_denomination_positive" CHECK("activation_batches"."denomination_fen" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `activation_batches_request` ON `activation_batches` (`request_id`);--> statement-breakpoint
CREATE TABLE `activation_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`batch_id` text NOT NULL,
	`code_hash` text NOT NULL,
	`hint` text NOT NULL,
	`status` text NOT NULL,
	`account_id` text,
	`voucher_id` text,
	`redeemed_at_ms` integer,
	`voided_at_ms` integer,
	FOREIGN KEY (`batch_id`) REFERENCES `activation_batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `activation_codes_hash` ON `activation_codes` (`code_hash`);--> statement-breakpoint
CREATE INDEX `activation_codes_batch` ON `activation_codes` (`batch_id`);--> statement-breakpoint
CREATE TABLE `card_orders` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`denomination_fen` integer NOT NULL,
	`quantity` integer NOT NULL,
	`total_fen` integer NOT NULL,
	`tier_voucher_id` text,
	`created_at_ms` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "card_orders_total" CHECK("card_orders"."total_fen" = "card_orders"."denomination_fen" * "card_orders"."quantity")
);
--> statement-breakpoint
CREATE INDEX `card_orders_account` ON `card_orders` (`account_id`,`created_at_ms`);--> statement-breakpoint
CREATE TABLE `invoices` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`request_id` text NOT NULL,
	`title` text NOT NULL,
	`tax_id` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`email` text NOT NULL,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`invoice_number` text,
	`reject_reason` text,
	`requested_at_ms` integer NOT NULL,
	`decided_at_ms` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "invoices_amount_positive" CHECK("invoices"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invoices_request` ON `invoices` (`account_id`,`request_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `invoices_number` ON `invoices` (`invoice_number`);--> statement-breakpoint
CREATE INDEX `invoices_account` ON `invoices` (`account_id`,`requested_at_ms`);--> statement-breakpoint
CREATE INDEX `invoices_status` ON `invoices` (`status`,`requested_at_ms`);--> statement-breakpoint
CREATE TABLE `prepaid_orders` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`request_id` text NOT NULL,
	`product` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`status` text NOT NULL,
	`cards_paid_fen` integer DEFAULT 0 NOT NULL,
	`cash_paid_fen` integer DEFAULT 0 NOT NULL,
	`refunded_fen` integer DEFAULT 0 NOT NULL,
	`created_at_ms` integer NOT NULL,
	`paid_at_ms` integer,
	`refunded_at_ms` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "prepaid_orders_amount_positive" CHECK("prepaid_orders"."amount_fen" > 0),
	CONSTRAINT "prepaid_orders_paid" CHECK("prepaid_orders"."status" = 'open' OR "prepaid_orders"."cards_paid_fen" + "prepaid_orders"."cash_paid_fen" = "prepaid_orders"."amount_fen"),
	CONSTRAINT "prepaid_orders_refund" CHECK("prepaid_orders"."refunded_fen" >= 0 AND "prepaid_orders"."refunded_fen" <= "prepaid_orders"."cash_paid_fen")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `prepaid_orders_request` ON `prepaid_orders` (`request_id`);--> statement-breakpoint
CREATE INDEX `prepaid_orders_account` ON `prepaid_orders` (`account_id`,`created_at_ms`);--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`window_start_ms` integer NOT NULL,
	`count` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `top_up_orders` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`status` text NOT NULL,
	`channel` text NOT NULL,
	`created_at_ms` integer NOT NULL,
	`expires_at_ms` integer NOT NULL,
	`paid_at_ms` integer,
	`closed_at_ms` integer,
	`trade_no` text,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "top_up_orders_amount_positive" CHECK("top_up_orders"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE INDEX `top_up_orders_account` ON `top_up_orders` (`account_id`,`created_at_ms`);--> statement-breakpoint
CREATE INDEX `top_up_orders_pending` ON `top_up_orders` (`status`,`expires_at_ms`);