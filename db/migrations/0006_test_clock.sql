CREATE TABLE `test_clock` (
	`id` integer PRIMARY KEY NOT NULL,
	`offset_ms` integer NOT NULL,
	`updated_at_ms` integer NOT NULL,
	CONSTRAINT "test_clock_one_row" CHECK("test_clock"."id" = 1 AND "test_clock"."offset_ms" >= 0)
);
