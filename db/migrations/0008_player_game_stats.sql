CREATE TABLE "player_game_stats" (
	"game_id" text NOT NULL,
	"player_id" integer NOT NULL,
	"team_id" integer NOT NULL,
	"season" text NOT NULL,
	"season_type" text NOT NULL,
	"game_date" date NOT NULL,
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
	CONSTRAINT "player_game_stats_game_id_player_id_pk" PRIMARY KEY("game_id","player_id"),
	CONSTRAINT "player_game_stats_season_format" CHECK ("player_game_stats"."season" ~ '^[0-9]{4}-[0-9]{2}$'),
	CONSTRAINT "player_game_stats_season_type_known" CHECK ("player_game_stats"."season_type" IN ('Regular Season', 'Playoffs', 'PlayIn')),
	CONSTRAINT "player_game_stats_pct_fraction" CHECK ("player_game_stats"."fg_pct" BETWEEN 0 AND 1 AND "player_game_stats"."fg3_pct" BETWEEN 0 AND 1 AND "player_game_stats"."ft_pct" BETWEEN 0 AND 1)
);
--> statement-breakpoint
ALTER TABLE "dead_letters" DROP CONSTRAINT "dead_letters_unit_known";--> statement-breakpoint
ALTER TABLE "players" ALTER COLUMN "source_season" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "players" ALTER COLUMN "source_team_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "player_game_stats" ADD CONSTRAINT "player_game_stats_game_id_matches_game_id_fk" FOREIGN KEY ("game_id") REFERENCES "public"."matches"("game_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "player_game_stats" ADD CONSTRAINT "player_game_stats_player_id_players_player_id_fk" FOREIGN KEY ("player_id") REFERENCES "public"."players"("player_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "player_game_stats" ADD CONSTRAINT "player_game_stats_team_id_teams_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("team_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "player_game_stats_player_idx" ON "player_game_stats" USING btree ("player_id","game_date");--> statement-breakpoint
CREATE INDEX "player_game_stats_season_idx" ON "player_game_stats" USING btree ("season","season_type","game_date");--> statement-breakpoint
ALTER TABLE "dead_letters" ADD CONSTRAINT "dead_letters_unit_known" CHECK ("dead_letters"."unit" IN ('games', 'roster', 'league-games', 'player-games'));