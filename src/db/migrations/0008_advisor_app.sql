CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor_email" text,
	"action" text NOT NULL,
	"target_type" text,
	"target_id" text,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "staff_identities" (
	"issuer" text NOT NULL,
	"subject" text NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_identities_issuer_subject_pk" PRIMARY KEY("issuer","subject")
);
--> statement-breakpoint
-- No release wrote the contact log before this one (it had no writer): its new columns need no default.
DELETE FROM "contacts";--> statement-breakpoint
ALTER TABLE "contacts" DROP CONSTRAINT "contacts_channel_check";--> statement-breakpoint
ALTER TABLE "contacts" DROP CONSTRAINT "contacts_outcome_check";--> statement-breakpoint
ALTER TABLE "contacts" ALTER COLUMN "client_id" SET DATA TYPE uuid USING "client_id"::uuid;--> statement-breakpoint
ALTER TABLE "contacts" ALTER COLUMN "language" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_users" ALTER COLUMN "password_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "recorded_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "staff_user_id" uuid;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "age_band" text NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "groups" text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "referred_to" text;--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "advisor_id" text;--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "last_sign_in_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "visit_advisors" ADD COLUMN "checked_in_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "visit_advisors" ADD COLUMN "checked_out_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_user_id_staff_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_identities" ADD CONSTRAINT "staff_identities_user_id_staff_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."staff_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_user_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action","at");--> statement-breakpoint
CREATE INDEX "staff_identities_user_idx" ON "staff_identities" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_staff_user_id_staff_users_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_users" ADD CONSTRAINT "staff_users_advisor_id_advisors_id_fk" FOREIGN KEY ("advisor_id") REFERENCES "public"."advisors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contacts_staff_user_idx" ON "contacts" USING btree ("staff_user_id","logged_at");--> statement-breakpoint
ALTER TABLE "staff_users" ADD CONSTRAINT "staff_users_advisor_unique" UNIQUE("advisor_id");--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_referred_check" CHECK (("contacts"."outcome" = 'referred') = ("contacts"."referred_to" is not null));--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_age_band_check" CHECK ("contacts"."age_band" in ('under-30', '30-64', '65-74', '75-plus', 'unknown'));--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_channel_check" CHECK ("contacts"."channel" in ('walk-in', 'booked'));--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_outcome_check" CHECK ("contacts"."outcome" in ('solved', 'referred', 'follow-up'));