ALTER TABLE "tasks" ADD COLUMN "planned_on" date;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "snoozed_until" timestamp (3) with time zone;