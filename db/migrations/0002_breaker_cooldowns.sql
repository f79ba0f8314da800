ALTER TABLE "ingestion_runs" ADD COLUMN "cooldowns" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ingestion_runs" ADD COLUMN "cooldown_seconds" integer DEFAULT 0 NOT NULL;