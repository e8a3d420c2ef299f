DROP INDEX "tasks_parent_idx";--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "position" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "tasks_parent_idx" ON "tasks" USING btree ("parent_id","position");--> statement-breakpoint
-- Hand-added backfill: existing steps keep the order they were made in (split and template
-- steps were written one millisecond apart, oldest first), numbered 0.. per parent.
UPDATE "tasks" AS t SET "position" = numbered.pos
FROM (
  SELECT "id", (row_number() OVER (PARTITION BY "parent_id" ORDER BY "created_at", "id") - 1)::integer AS pos
  FROM "tasks" WHERE "parent_id" IS NOT NULL
) AS numbered
WHERE t."id" = numbered."id";
