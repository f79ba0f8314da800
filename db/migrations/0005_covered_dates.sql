CREATE TABLE "covered_dates" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "covered_dates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"season" text NOT NULL,
	"season_type" text NOT NULL,
	"team_id" integer,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"run_id" text NOT NULL,
	"covered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "covered_dates_in_order" CHECK ("covered_dates"."from_date" <= "covered_dates"."to_date")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "covered_dates_key" ON "covered_dates" USING btree ("season","season_type",coalesce(team_id, 0),"from_date","to_date");