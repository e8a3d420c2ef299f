-- Hand-edited after `drizzle-kit generate`: one UPDATE (marked below) copies monitor notifications to their new subject columns.
CREATE TYPE "public"."channel_mode" AS ENUM('off', 'instant', 'digest');--> statement-breakpoint
CREATE TYPE "public"."digest_cadence" AS ENUM('hourly', 'daily');--> statement-breakpoint
CREATE TYPE "public"."notification_priority" AS ENUM('low', 'normal', 'high', 'urgent');--> statement-breakpoint
ALTER TYPE "public"."delivery_channel" ADD VALUE 'push';--> statement-breakpoint
ALTER TYPE "public"."delivery_channel" ADD VALUE 'webhook';--> statement-breakpoint
ALTER TYPE "public"."delivery_status" ADD VALUE 'held' BEFORE 'sent';--> statement-breakpoint
ALTER TYPE "public"."delivery_status" ADD VALUE 'digest' BEFORE 'sent';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'task_due_soon';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'task_overdue';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'assignment_needs_review';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'assignment_completed';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'assignment_failed';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'break_reminder';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'break_over';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'level_up';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'creature_evolved';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'achievement_unlocked';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'webhook_disabled';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'import_finished';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'test';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'digest';--> statement-breakpoint
CREATE TABLE "event_deliveries" (
	"event_id" uuid NOT NULL,
	"subscriber" text NOT NULL,
	"handled_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_deliveries_event_id_subscriber_pk" PRIMARY KEY("event_id","subscriber")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" uuid NOT NULL,
	"type" text NOT NULL,
	"version" integer NOT NULL,
	"data" jsonb NOT NULL,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"dispatched_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"user_id" uuid NOT NULL,
	"kind" "notification_kind" NOT NULL,
	"channel" "delivery_channel" NOT NULL,
	"mode" "channel_mode" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_preferences_user_id_kind_channel_pk" PRIMARY KEY("user_id","kind","channel")
);
--> statement-breakpoint
CREATE TABLE "notification_settings" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"quiet_enabled" boolean DEFAULT false NOT NULL,
	"quiet_start" smallint DEFAULT 1320 NOT NULL,
	"quiet_end" smallint DEFAULT 420 NOT NULL,
	"digest_cadence" "digest_cadence" DEFAULT 'daily' NOT NULL,
	"digest_hour" smallint DEFAULT 8 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "push_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"endpoint" text NOT NULL,
	"p256dh" text NOT NULL,
	"auth" text NOT NULL,
	"label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_success_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_monitor_id_monitors_id_fk";
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_evaluation_id_evaluations_id_fk";
--> statement-breakpoint
DROP INDEX "notification_deliveries_due_idx";--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD COLUMN "digest_id" uuid;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "priority" "notification_priority" DEFAULT 'normal' NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "subject_type" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "subject_id" uuid;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "event_id" uuid;--> statement-breakpoint
ALTER TABLE "event_deliveries" ADD CONSTRAINT "event_deliveries_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_subscriptions" ADD CONSTRAINT "push_subscriptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "events_user_seq_idx" ON "events" USING btree ("user_id","seq" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "events_undispatched_idx" ON "events" USING btree ("occurred_at") WHERE "events"."dispatched_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "push_subscriptions_endpoint_key" ON "push_subscriptions" USING btree ("endpoint");--> statement-breakpoint
CREATE INDEX "push_subscriptions_user_idx" ON "push_subscriptions" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_digest_id_notifications_id_fk" FOREIGN KEY ("digest_id") REFERENCES "public"."notifications"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notification_deliveries_status_due_idx" ON "notification_deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "notifications_subject_idx" ON "notifications" USING btree ("subject_type","subject_id");--> statement-breakpoint
-- Hand-added: a monitor notification keeps what it was about before its columns go.
UPDATE "notifications" SET "subject_type" = 'monitor', "subject_id" = "monitor_id" WHERE "monitor_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" DROP COLUMN "monitor_id";--> statement-breakpoint
ALTER TABLE "notifications" DROP COLUMN "evaluation_id";