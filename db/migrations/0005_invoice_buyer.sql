ALTER TABLE `invoices` ADD `address` text;--> statement-breakpoint
ALTER TABLE `invoices` ADD `phone` text;--> statement-breakpoint
ALTER TABLE `invoices` ADD `bank_name` text;--> statement-breakpoint
ALTER TABLE `invoices` ADD `bank_account` text;