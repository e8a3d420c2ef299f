CREATE TYPE "public"."creature_identity_source" AS ENUM('seed', 'ai');--> statement-breakpoint
CREATE TYPE "public"."xp_source" AS ENUM('task', 'micro_step', 'focus_minutes', 'challenge', 'triage_decision', 'agent_delegated_completion');--> statement-breakpoint
CREATE TABLE "creatures" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"egg_seed" text NOT NULL,
	"seed" text,
	"name" text,
	"biography" text,
	"identity_source" "creature_identity_source",
	"total_xp" integer DEFAULT 0 NOT NULL,
	"food" smallint DEFAULT 0 NOT NULL,
	"fullness" smallint DEFAULT 80 NOT NULL,
	"fullness_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"happiness" smallint DEFAULT 80 NOT NULL,
	"happiness_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_active_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"play_tokens" smallint DEFAULT 3 NOT NULL,
	"play_tokens_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"hatched_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "creatures_total_xp" CHECK ("creatures"."total_xp" >= 0),
	CONSTRAINT "creatures_food" CHECK ("creatures"."food" between 0 and 99),
	CONSTRAINT "creatures_chosen_whole" CHECK (("creatures"."seed" is null) = ("creatures"."name" is null) and ("creatures"."seed" is null) = ("creatures"."hatched_at" is null))
);
--> statement-breakpoint
CREATE TABLE "xp_awards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"source" "xp_source" NOT NULL,
	"source_id" text NOT NULL,
	"base" integer NOT NULL,
	"multiplier" integer NOT NULL,
	"amount" integer NOT NULL,
	"reason" text NOT NULL,
	"event_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "xp_awards_once_per_source" UNIQUE("user_id","source","source_id"),
	CONSTRAINT "xp_awards_amounts" CHECK ("xp_awards"."base" >= 0 and "xp_awards"."amount" >= "xp_awards"."base"),
	CONSTRAINT "xp_awards_multiplier" CHECK ("xp_awards"."multiplier" between 100 and 1000)
);
--> statement-breakpoint
ALTER TABLE "creatures" ADD CONSTRAINT "creatures_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xp_awards" ADD CONSTRAINT "xp_awards_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xp_awards" ADD CONSTRAINT "xp_awards_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "xp_awards_user_created_idx" ON "xp_awards" USING btree ("user_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);