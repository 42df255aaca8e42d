ALTER TABLE `rate_limits` ADD `not_before_ms` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `rate_limits` ADD `expires_at_ms` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `rate_limits` ADD `claim` text;--> statement-breakpoint
CREATE INDEX `rate_limits_expires` ON `rate_limits` (`expires_at_ms`);--> statement-breakpoint
-- Hand-edited: SQLite adds a NOT NULL column only with a default; existing sessions get a
-- random public id before the unique index is built.
ALTER TABLE `sessions` ADD `public_id` text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE `sessions` SET `public_id` = 'ses_' || lower(hex(randomblob(10)));--> statement-breakpoint
ALTER TABLE `sessions` ADD `last_seen_at_ms` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `client_address` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `user_agent` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_public_id` ON `sessions` (`public_id`);--> statement-breakpoint
CREATE INDEX `sessions_expires` ON `sessions` (`expires_at_ms`);--> statement-breakpoint
ALTER TABLE `users` ADD `must_change_password` integer DEFAULT false NOT NULL;