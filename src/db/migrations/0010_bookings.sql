CREATE TABLE "bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visit_id" uuid NOT NULL,
	"seat" smallint NOT NULL,
	"start" time NOT NULL,
	"end" time NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"cancelled_by" text,
	"reference_code" text NOT NULL,
	"token_hash" text,
	"topic_id" text,
	"language" text NOT NULL,
	"needs" text[] DEFAULT '{}'::text[] NOT NULL,
	"lang" text NOT NULL,
	"first_name" text,
	"contact" text,
	"contact_kind" text,
	"reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"erase_after" timestamp with time zone NOT NULL,
	"erased_at" timestamp with time zone,
	CONSTRAINT "bookings_reference_unique" UNIQUE("reference_code"),
	CONSTRAINT "bookings_token_unique" UNIQUE("token_hash"),
	CONSTRAINT "bookings_status_check" CHECK ("bookings"."status" in ('booked', 'cancelled', 'attended', 'no-show')),
	CONSTRAINT "bookings_cancelled_by_check" CHECK (("bookings"."status" = 'cancelled') = ("bookings"."cancelled_by" is not null) and ("bookings"."cancelled_by" is null or "bookings"."cancelled_by" in ('resident', 'visit', 'staff'))),
	CONSTRAINT "bookings_seat_check" CHECK ("bookings"."seat" >= 1),
	CONSTRAINT "bookings_order_check" CHECK ("bookings"."start" < "bookings"."end"),
	CONSTRAINT "bookings_lang_check" CHECK ("bookings"."lang" in ('fi', 'sv', 'en')),
	CONSTRAINT "bookings_needs_check" CHECK ("bookings"."needs" <@ array['interpreter', 'accessibility']::text[]),
	CONSTRAINT "bookings_contact_check" CHECK (("bookings"."contact" is null) = ("bookings"."contact_kind" is null) and ("bookings"."contact_kind" is null or "bookings"."contact_kind" in ('email', 'phone'))),
	CONSTRAINT "bookings_lengths_check" CHECK (char_length("bookings"."first_name") <= 60 and char_length("bookings"."contact") <= 254 and char_length("bookings"."language") <= 12)
);
--> statement-breakpoint
CREATE TABLE "outbox_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dedupe_key" text NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"lang" text NOT NULL,
	"recipient" text,
	"subject" text,
	"body" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outbox_messages_dedupe_unique" UNIQUE("dedupe_key"),
	CONSTRAINT "outbox_messages_channel_check" CHECK ("outbox_messages"."channel" in ('email', 'sms')),
	CONSTRAINT "outbox_messages_lang_check" CHECK ("outbox_messages"."lang" in ('fi', 'sv', 'en')),
	CONSTRAINT "outbox_messages_status_check" CHECK ("outbox_messages"."status" in ('pending', 'sent', 'failed', 'undeliverable'))
);
--> statement-breakpoint
CREATE TABLE "partner_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference_code" text NOT NULL,
	"token_hash" text,
	"status" text DEFAULT 'new' NOT NULL,
	"lang" text NOT NULL,
	"organisation" text NOT NULL,
	"contact_name" text,
	"contact" text,
	"contact_kind" text,
	"venue_id" text,
	"address" text,
	"weeks_from" date,
	"weeks_to" date,
	"weekdays" smallint[] DEFAULT '{}'::smallint[] NOT NULL,
	"block_id" text,
	"audience" text,
	"audience_size" integer,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"message" text,
	"planned_venue_id" text,
	"priority" smallint,
	"reply" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"erase_after" timestamp with time zone NOT NULL,
	"erased_at" timestamp with time zone,
	CONSTRAINT "partner_requests_reference_unique" UNIQUE("reference_code"),
	CONSTRAINT "partner_requests_token_unique" UNIQUE("token_hash"),
	CONSTRAINT "partner_requests_status_check" CHECK ("partner_requests"."status" in ('new', 'accepted', 'declined', 'question')),
	CONSTRAINT "partner_requests_lang_check" CHECK ("partner_requests"."lang" in ('fi', 'sv', 'en')),
	CONSTRAINT "partner_requests_accepted_check" CHECK (("partner_requests"."status" = 'accepted') = ("partner_requests"."planned_venue_id" is not null and "partner_requests"."priority" is not null)),
	CONSTRAINT "partner_requests_priority_check" CHECK ("partner_requests"."priority" is null or "partner_requests"."priority" between 1 and 3),
	CONSTRAINT "partner_requests_weeks_check" CHECK ("partner_requests"."weeks_from" is null or "partner_requests"."weeks_to" is null or "partner_requests"."weeks_from" <= "partner_requests"."weeks_to"),
	CONSTRAINT "partner_requests_weekdays_check" CHECK ("partner_requests"."weekdays" <@ array[1, 2, 3, 4, 5]::smallint[]),
	CONSTRAINT "partner_requests_contact_check" CHECK ("partner_requests"."contact_kind" is null or "partner_requests"."contact_kind" in ('email', 'phone'))
);
--> statement-breakpoint
CREATE TABLE "venue_booking_rules" (
	"venue_id" text PRIMARY KEY NOT NULL,
	"slot_minutes" smallint NOT NULL,
	"walk_in_percent" smallint NOT NULL,
	CONSTRAINT "venue_booking_rules_slot_check" CHECK ("venue_booking_rules"."slot_minutes" between 10 and 120),
	CONSTRAINT "venue_booking_rules_walk_in_check" CHECK ("venue_booking_rules"."walk_in_percent" between 0 and 100)
);
--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "slot_minutes" smallint;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "walk_in_percent" smallint;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_requests" ADD CONSTRAINT "partner_requests_venue_id_sites_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."sites"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_requests" ADD CONSTRAINT "partner_requests_planned_venue_id_sites_id_fk" FOREIGN KEY ("planned_venue_id") REFERENCES "public"."sites"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_requests" ADD CONSTRAINT "partner_requests_decided_by_staff_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venue_booking_rules" ADD CONSTRAINT "venue_booking_rules_venue_id_sites_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_seat_unique" ON "bookings" USING btree ("visit_id","start","seat") WHERE "bookings"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "bookings_visit_idx" ON "bookings" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "bookings_erase_after_idx" ON "bookings" USING btree ("erase_after");--> statement-breakpoint
CREATE INDEX "outbox_messages_pending_idx" ON "outbox_messages" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "partner_requests_status_idx" ON "partner_requests" USING btree ("status","created_at");