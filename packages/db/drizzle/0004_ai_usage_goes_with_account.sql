ALTER TABLE "ai_usage" DROP CONSTRAINT "ai_usage_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "ai_usage" ADD CONSTRAINT "ai_usage_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Accounts deleted before this migration left their monthly AI spend under their id: fold it into
-- the anonymous total, as deleting an account now does.
INSERT INTO "ai_usage_monthly" ("month", "user_id", "cost_micro_usd", "calls")
SELECT "month", NULL, sum("cost_micro_usd"), sum("calls") FROM "ai_usage_monthly" m
WHERE m."user_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "users" u WHERE u."id" = m."user_id")
GROUP BY "month"
ON CONFLICT ("month", "user_id") DO UPDATE SET
  "cost_micro_usd" = "ai_usage_monthly"."cost_micro_usd" + excluded."cost_micro_usd",
  "calls" = "ai_usage_monthly"."calls" + excluded."calls";
--> statement-breakpoint
DELETE FROM "ai_usage_monthly" m
WHERE m."user_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "users" u WHERE u."id" = m."user_id");
