CREATE TYPE "public"."focus_check_in_moment" AS ENUM('before', 'after');--> statement-breakpoint
CREATE TYPE "public"."focus_kind" AS ENUM('pomodoro', 'deep_work', 'short_burst', 'flowtime', 'custom');--> statement-breakpoint
CREATE TYPE "public"."focus_move_type" AS ENUM('start', 'pause', 'resume', 'interruption', 'extend', 'start_break', 'skip_break', 'stop', 'complete', 'abandon');--> statement-breakpoint
CREATE TYPE "public"."focus_outcome" AS ENUM('completed', 'stopped', 'abandoned');--> statement-breakpoint
CREATE TYPE "public"."time_entry_source" AS ENUM('timer', 'manual', 'focus');--> statement-breakpoint
CREATE TABLE "focus_energy_check_ins" (
	"session_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"moment" "focus_check_in_moment" NOT NULL,
	"energy" smallint NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "focus_energy_check_ins_session_id_moment_pk" PRIMARY KEY("session_id","moment"),
	CONSTRAINT "focus_energy_check_ins_range" CHECK ("focus_energy_check_ins"."energy" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "focus_moves" (
	"session_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"type" "focus_move_type" NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"note" text,
	"minutes" integer,
	"auto" boolean,
	CONSTRAINT "focus_moves_session_id_seq_pk" PRIMARY KEY("session_id","seq")
);
--> statement-breakpoint
CREATE TABLE "focus_planned_blocks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"task_id" uuid,
	"title" text,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"duration_minutes" integer NOT NULL,
	"settings" jsonb NOT NULL,
	"session_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "focus_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"task_id" uuid,
	"kind" "focus_kind" NOT NULL,
	"settings" jsonb NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"last_move_at" timestamp (3) with time zone NOT NULL,
	"outcome" "focus_outcome",
	"ended_at" timestamp (3) with time zone,
	"auto_closed" boolean DEFAULT false NOT NULL,
	"worked_ms" integer DEFAULT 0 NOT NULL,
	"paused_ms" integer DEFAULT 0 NOT NULL,
	"break_ms" integer DEFAULT 0 NOT NULL,
	"work_blocks" integer DEFAULT 0 NOT NULL,
	"interruptions" integer DEFAULT 0 NOT NULL,
	"fixed_minutes" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "focus_sessions_fixed_minutes_range" CHECK ("focus_sessions"."fixed_minutes" is null or "focus_sessions"."fixed_minutes" between 0 and 1440)
);
--> statement-breakpoint
CREATE TABLE "task_time_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"source" time_entry_source NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"ended_at" timestamp (3) with time zone,
	"minutes" integer DEFAULT 0 NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"focus_session_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_time_entries_minutes_range" CHECK ("task_time_entries"."minutes" between 0 and 1440)
);
--> statement-breakpoint
ALTER TABLE "focus_energy_check_ins" ADD CONSTRAINT "focus_energy_check_ins_session_id_focus_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."focus_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "focus_energy_check_ins" ADD CONSTRAINT "focus_energy_check_ins_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "focus_moves" ADD CONSTRAINT "focus_moves_session_id_focus_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."focus_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "focus_planned_blocks" ADD CONSTRAINT "focus_planned_blocks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "focus_planned_blocks" ADD CONSTRAINT "focus_planned_blocks_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "focus_planned_blocks" ADD CONSTRAINT "focus_planned_blocks_session_id_focus_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."focus_sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "focus_sessions" ADD CONSTRAINT "focus_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "focus_sessions" ADD CONSTRAINT "focus_sessions_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_time_entries" ADD CONSTRAINT "task_time_entries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_time_entries" ADD CONSTRAINT "task_time_entries_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_time_entries" ADD CONSTRAINT "task_time_entries_focus_session_id_focus_sessions_id_fk" FOREIGN KEY ("focus_session_id") REFERENCES "public"."focus_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "focus_energy_check_ins_user_idx" ON "focus_energy_check_ins" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "focus_planned_blocks_user_starts_idx" ON "focus_planned_blocks" USING btree ("user_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "focus_sessions_one_open_per_user" ON "focus_sessions" USING btree ("user_id") WHERE "focus_sessions"."outcome" is null;--> statement-breakpoint
CREATE INDEX "focus_sessions_user_started_idx" ON "focus_sessions" USING btree ("user_id","started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "focus_sessions_task_idx" ON "focus_sessions" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "task_time_entries_task_idx" ON "task_time_entries" USING btree ("task_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "task_time_entries_one_timer_per_user" ON "task_time_entries" USING btree ("user_id") WHERE "task_time_entries"."ended_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "task_time_entries_focus_session" ON "task_time_entries" USING btree ("focus_session_id");