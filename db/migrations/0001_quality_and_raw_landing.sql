CREATE TABLE "quality_checks" (
	"run_id" text NOT NULL,
	"season" text NOT NULL,
	"season_type" text NOT NULL,
	"check_name" text NOT NULL,
	"passed" boolean NOT NULL,
	"observed" jsonb,
	"expected" jsonb,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quality_checks_run_id_check_name_pk" PRIMARY KEY("run_id","check_name")
);
--> statement-breakpoint
CREATE TABLE "raw_responses" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "raw_responses_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"endpoint" text NOT NULL,
	"params_key" text NOT NULL,
	"params" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"body" jsonb NOT NULL,
	"fetched_at" timestamp with time zone NOT NULL,
	"run_id" text NOT NULL,
	"last_fetched_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "quality_checks_season_idx" ON "quality_checks" USING btree ("season","season_type","checked_at");--> statement-breakpoint
CREATE UNIQUE INDEX "raw_responses_content_key" ON "raw_responses" USING btree ("endpoint","params_key","content_hash");--> statement-breakpoint
CREATE INDEX "raw_responses_latest_idx" ON "raw_responses" USING btree ("endpoint","params_key","last_fetched_at");