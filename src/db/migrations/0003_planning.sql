CREATE TABLE "plan_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"request" jsonb NOT NULL,
	"progress" jsonb,
	"plan_id" uuid,
	"error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"cancel_requested" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone,
	CONSTRAINT "plan_jobs_kind_check" CHECK ("plan_jobs"."kind" in ('plan', 'repair')),
	CONSTRAINT "plan_jobs_status_check" CHECK ("plan_jobs"."status" in ('queued', 'running', 'succeeded', 'failed', 'cancelled'))
);
--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "gap" double precision;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "optimal" boolean;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "seconds" double precision;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "kind" text DEFAULT 'plan' NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "scenario_id" text;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "summary" jsonb;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "changes" jsonb;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "created_by" text;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "explanation" jsonb;--> statement-breakpoint
ALTER TABLE "plan_jobs" ADD CONSTRAINT "plan_jobs_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_jobs_status_idx" ON "plan_jobs" USING btree ("status","created_at");--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_kind_check" CHECK ("plans"."kind" in ('plan', 'repair'));