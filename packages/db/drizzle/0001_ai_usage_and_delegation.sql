CREATE TYPE "public"."agent_status" AS ENUM('online', 'offline');--> statement-breakpoint
CREATE TYPE "public"."assignment_mode" AS ENUM('DELEGATE', 'DO_WITH_ME');--> statement-breakpoint
CREATE TYPE "public"."assignment_status" AS ENUM('queued', 'assigned', 'accepted', 'in_progress', 'needs_review', 'completed', 'failed', 'cancelled');--> statement-breakpoint
CREATE TABLE "ai_usage" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"request_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"purpose" text NOT NULL,
	"provider" text NOT NULL,
	"provider_kind" text NOT NULL,
	"model" text NOT NULL,
	"outcome" text NOT NULL,
	"http_status" integer,
	"input_tokens" integer DEFAULT 0 NOT NULL,
	"output_tokens" integer DEFAULT 0 NOT NULL,
	"cost_micro_usd" bigint DEFAULT 0 NOT NULL,
	"latency_ms" integer NOT NULL,
	"error" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ai_usage_monthly" (
	"month" date NOT NULL,
	"user_id" uuid,
	"cost_micro_usd" bigint DEFAULT 0 NOT NULL,
	"calls" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "ai_usage_monthly_key" UNIQUE NULLS NOT DISTINCT("month","user_id")
);
--> statement-breakpoint
CREATE TABLE "ai_user_budgets" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"monthly_limit_micro_usd" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"api_key_id" uuid,
	"agent_id" text NOT NULL,
	"agent_type" text NOT NULL,
	"capabilities" text[] DEFAULT '{}' NOT NULL,
	"max_concurrent" integer DEFAULT 3 NOT NULL,
	"active_count" integer DEFAULT 0 NOT NULL,
	"status" "agent_status" DEFAULT 'online' NOT NULL,
	"last_heartbeat_at" timestamp with time zone,
	"completed_count" integer DEFAULT 0 NOT NULL,
	"failed_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agents_active_within_limit" CHECK ("agents"."active_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"agent_id" uuid,
	"mode" "assignment_mode" NOT NULL,
	"prefer_agent_type" text,
	"status" "assignment_status" NOT NULL,
	"routing_reason" text DEFAULT '' NOT NULL,
	"progress_notes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"result" text,
	"failure_reason" text,
	"review_note" text,
	"attempt" integer DEFAULT 1 NOT NULL,
	"excluded_agent_ids" uuid[] DEFAULT '{}' NOT NULL,
	"assigned_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"last_activity_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_dependencies" (
	"user_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"depends_on_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_dependencies_task_id_depends_on_id_pk" PRIMARY KEY("task_id","depends_on_id"),
	CONSTRAINT "task_dependencies_not_self" CHECK ("task_dependencies"."task_id" <> "task_dependencies"."depends_on_id")
);
--> statement-breakpoint
CREATE TABLE "template_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"template_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"estimate_minutes" integer,
	"energy" "energy_level"
);
--> statement-breakpoint
CREATE TABLE "templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"builtin_key" text,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "templates_owner_or_builtin" CHECK (("templates"."user_id" is null) <> ("templates"."builtin_key" is null))
);
--> statement-breakpoint
ALTER TABLE "ai_usage" ADD CONSTRAINT "ai_usage_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_user_budgets" ADD CONSTRAINT "ai_user_budgets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agents" ADD CONSTRAINT "agents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agents" ADD CONSTRAINT "agents_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_dependencies" ADD CONSTRAINT "task_dependencies_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_dependencies" ADD CONSTRAINT "task_dependencies_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_dependencies" ADD CONSTRAINT "task_dependencies_depends_on_id_tasks_id_fk" FOREIGN KEY ("depends_on_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_steps" ADD CONSTRAINT "template_steps_template_id_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "templates" ADD CONSTRAINT "templates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ai_usage_user_created_idx" ON "ai_usage" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "ai_usage_created_idx" ON "ai_usage" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "ai_usage_request_idx" ON "ai_usage" USING btree ("request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agents_user_agent_id_key" ON "agents" USING btree ("user_id","agent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agents_api_key_key" ON "agents" USING btree ("api_key_id");--> statement-breakpoint
CREATE INDEX "agents_capabilities_idx" ON "agents" USING gin ("capabilities");--> statement-breakpoint
CREATE UNIQUE INDEX "assignments_live_task_key" ON "assignments" USING btree ("task_id") WHERE "assignments"."status" in ('queued', 'assigned', 'accepted', 'in_progress', 'needs_review');--> statement-breakpoint
CREATE INDEX "assignments_agent_status_idx" ON "assignments" USING btree ("agent_id","status");--> statement-breakpoint
CREATE INDEX "assignments_user_status_idx" ON "assignments" USING btree ("user_id","status");--> statement-breakpoint
CREATE INDEX "assignments_queued_idx" ON "assignments" USING btree ("created_at") WHERE "assignments"."status" = 'queued';--> statement-breakpoint
CREATE INDEX "assignments_active_activity_idx" ON "assignments" USING btree ("status","last_activity_at") WHERE "assignments"."status" in ('assigned', 'accepted', 'in_progress');--> statement-breakpoint
CREATE INDEX "task_dependencies_depends_on_idx" ON "task_dependencies" USING btree ("depends_on_id");--> statement-breakpoint
CREATE INDEX "task_dependencies_user_idx" ON "task_dependencies" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "template_steps_position_key" ON "template_steps" USING btree ("template_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "templates_builtin_key" ON "templates" USING btree ("builtin_key");--> statement-breakpoint
CREATE INDEX "templates_user_idx" ON "templates" USING btree ("user_id","name");