ALTER TABLE "ingestion_runs" DROP CONSTRAINT "ingestion_runs_trigger_known";--> statement-breakpoint
ALTER TABLE "ingestion_runs" ADD COLUMN "started_by" text;--> statement-breakpoint
ALTER TABLE "ingestion_runs" ADD COLUMN "reset_of" text;--> statement-breakpoint
ALTER TABLE "ingestion_runs" ADD CONSTRAINT "ingestion_runs_trigger_known" CHECK ("ingestion_runs"."trigger" IN ('schedule', 'cli', 'backfill', 'redrive', 'reset', 'temporal-cli', 'temporal-ui', 'test', 'unknown'));