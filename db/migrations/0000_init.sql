CREATE TABLE "audit_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"run_id" text NOT NULL,
	"table_name" text NOT NULL,
	"key" jsonb NOT NULL,
	"changes" jsonb NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dead_letters" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dead_letters_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"run_id" text NOT NULL,
	"workflow_id" text NOT NULL,
	"season" text NOT NULL,
	"season_type" text NOT NULL,
	"team_id" integer,
	"unit" text NOT NULL,
	"endpoint" text NOT NULL,
	"params" jsonb NOT NULL,
	"error_type" text NOT NULL,
	"error_message" text NOT NULL,
	"attempts" integer NOT NULL,
	"first_seen" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by_run_id" text,
	CONSTRAINT "dead_letters_unit_known" CHECK ("dead_letters"."unit" IN ('games', 'roster', 'teams'))
);
--> statement-breakpoint
CREATE TABLE "ingestion_runs" (
	"run_id" text PRIMARY KEY NOT NULL,
	"workflow_id" text NOT NULL,
	"season" text NOT NULL,
	"season_type" text NOT NULL,
	"trigger" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"api_calls" integer DEFAULT 0 NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"error" text,
	"quality" jsonb,
	CONSTRAINT "ingestion_runs_trigger_known" CHECK ("ingestion_runs"."trigger" IN ('schedule', 'cli', 'backfill', 'redrive', 'temporal-cli', 'temporal-ui', 'test', 'unknown')),
	CONSTRAINT "ingestion_runs_status_known" CHECK ("ingestion_runs"."status" IN ('running', 'completed', 'completed_with_failures', 'failed', 'anomalous'))
);
--> statement-breakpoint
CREATE TABLE "matches" (
	"game_id" text PRIMARY KEY NOT NULL,
	"season" text NOT NULL,
	"season_type" text NOT NULL,
	"game_date" date NOT NULL,
	"home_team_id" integer NOT NULL,
	"away_team_id" integer NOT NULL,
	"home_score" integer NOT NULL,
	"away_score" integer NOT NULL,
	"neutral_site" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_run_id" text NOT NULL,
	CONSTRAINT "matches_season_format" CHECK ("matches"."season" ~ '^[0-9]{4}-[0-9]{2}$'),
	CONSTRAINT "matches_season_type_known" CHECK ("matches"."season_type" IN ('Regular Season', 'Playoffs', 'PlayIn')),
	CONSTRAINT "matches_distinct_teams" CHECK ("matches"."home_team_id" <> "matches"."away_team_id")
);
--> statement-breakpoint
CREATE TABLE "players" (
	"player_id" integer PRIMARY KEY NOT NULL,
	"full_name" text NOT NULL,
	"nickname" text,
	"player_slug" text,
	"birth_date" date,
	"height" text,
	"weight" integer,
	"school" text,
	"experience" text,
	"source_season" text NOT NULL,
	"source_team_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_run_id" text NOT NULL,
	CONSTRAINT "players_source_season_format" CHECK ("players"."source_season" ~ '^[0-9]{4}-[0-9]{2}$')
);
--> statement-breakpoint
CREATE TABLE "rosters" (
	"season" text NOT NULL,
	"team_id" integer NOT NULL,
	"player_id" integer NOT NULL,
	"jersey" text,
	"position" text,
	"how_acquired" text,
	"age" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_run_id" text NOT NULL,
	CONSTRAINT "rosters_season_team_id_player_id_pk" PRIMARY KEY("season","team_id","player_id"),
	CONSTRAINT "rosters_season_format" CHECK ("rosters"."season" ~ '^[0-9]{4}-[0-9]{2}$')
);
--> statement-breakpoint
CREATE TABLE "team_game_stats" (
	"game_id" text NOT NULL,
	"team_id" integer NOT NULL,
	"is_home" boolean NOT NULL,
	"wl" text,
	"pts" integer NOT NULL,
	"fgm" integer,
	"fga" integer,
	"fg_pct" double precision,
	"fg3m" integer,
	"fg3a" integer,
	"fg3_pct" double precision,
	"ftm" integer,
	"fta" integer,
	"ft_pct" double precision,
	"oreb" integer,
	"dreb" integer,
	"reb" integer,
	"ast" integer,
	"stl" integer,
	"blk" integer,
	"tov" integer,
	"pf" integer,
	"plus_minus" double precision,
	"minutes" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_run_id" text NOT NULL,
	CONSTRAINT "team_game_stats_game_id_team_id_pk" PRIMARY KEY("game_id","team_id"),
	CONSTRAINT "team_game_stats_wl_known" CHECK ("team_game_stats"."wl" IN ('W', 'L')),
	CONSTRAINT "team_game_stats_pct_fraction" CHECK ("team_game_stats"."fg_pct" BETWEEN 0 AND 1 AND "team_game_stats"."fg3_pct" BETWEEN 0 AND 1 AND "team_game_stats"."ft_pct" BETWEEN 0 AND 1)
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"team_id" integer PRIMARY KEY NOT NULL,
	"abbreviation" text NOT NULL,
	"full_name" text NOT NULL,
	"nickname" text NOT NULL,
	"city" text NOT NULL,
	"state" text NOT NULL,
	"year_founded" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_run_id" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_home_team_id_teams_team_id_fk" FOREIGN KEY ("home_team_id") REFERENCES "public"."teams"("team_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_away_team_id_teams_team_id_fk" FOREIGN KEY ("away_team_id") REFERENCES "public"."teams"("team_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rosters" ADD CONSTRAINT "rosters_team_id_teams_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("team_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rosters" ADD CONSTRAINT "rosters_player_id_players_player_id_fk" FOREIGN KEY ("player_id") REFERENCES "public"."players"("player_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_game_stats" ADD CONSTRAINT "team_game_stats_game_id_matches_game_id_fk" FOREIGN KEY ("game_id") REFERENCES "public"."matches"("game_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_game_stats" ADD CONSTRAINT "team_game_stats_team_id_teams_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("team_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_changes_run_idx" ON "audit_changes" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "audit_changes_table_idx" ON "audit_changes" USING btree ("table_name","changed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "dead_letters_open_unit_key" ON "dead_letters" USING btree ("workflow_id","unit",coalesce(team_id, 0),"season","season_type") WHERE resolved_at IS NULL;--> statement-breakpoint
CREATE INDEX "dead_letters_open_season_idx" ON "dead_letters" USING btree ("season","season_type","team_id","unit") WHERE resolved_at IS NULL;--> statement-breakpoint
CREATE INDEX "ingestion_runs_season_idx" ON "ingestion_runs" USING btree ("season","season_type","started_at");--> statement-breakpoint
CREATE INDEX "matches_season_idx" ON "matches" USING btree ("season","season_type","game_date");--> statement-breakpoint
CREATE INDEX "rosters_player_id_idx" ON "rosters" USING btree ("player_id");--> statement-breakpoint
CREATE INDEX "team_game_stats_team_idx" ON "team_game_stats" USING btree ("team_id","game_id");