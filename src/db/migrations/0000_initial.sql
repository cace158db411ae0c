CREATE TABLE "advisor_absences" (
	"id" serial PRIMARY KEY NOT NULL,
	"advisor_id" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"kind" text NOT NULL,
	CONSTRAINT "advisor_absences_order_check" CHECK ("advisor_absences"."from_date" <= "advisor_absences"."to_date"),
	CONSTRAINT "advisor_absences_kind_check" CHECK ("advisor_absences"."kind" in ('leave', 'sick', 'training', 'other'))
);
--> statement-breakpoint
CREATE TABLE "advisor_availability" (
	"id" serial PRIMARY KEY NOT NULL,
	"advisor_id" text NOT NULL,
	"weekday" smallint NOT NULL,
	"start" time NOT NULL,
	"end" time NOT NULL,
	CONSTRAINT "advisor_availability_weekday_check" CHECK ("advisor_availability"."weekday" between 1 and 7)
);
--> statement-breakpoint
CREATE TABLE "advisors" (
	"id" text PRIMARY KEY NOT NULL,
	"display_name" text NOT NULL,
	"languages" text[] NOT NULL,
	"skills" text[] NOT NULL,
	"contracted_minutes_per_week" integer NOT NULL,
	"max_visits_per_day" integer DEFAULT 2 NOT NULL,
	"home_site_id" text,
	"active" boolean DEFAULT true NOT NULL,
	"illustrative" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "advisors_minutes_check" CHECK ("advisors"."contracted_minutes_per_week" between 0 and 3600),
	CONSTRAINT "advisors_visits_check" CHECK ("advisors"."max_visits_per_day" between 0 and 10)
);
--> statement-breakpoint
CREATE TABLE "areas" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name_fi" text NOT NULL,
	"name_sv" text NOT NULL,
	"name_en" text NOT NULL,
	"parent_id" text,
	"centroid_lat" double precision NOT NULL,
	"centroid_lon" double precision NOT NULL,
	"geometry" jsonb,
	"population" integer NOT NULL,
	"population_65_74" integer NOT NULL,
	"population_75_plus" integer NOT NULL,
	"population_foreign_language" integer NOT NULL,
	"population_swedish_speaking" integer NOT NULL,
	"population_extra" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"data_year" integer NOT NULL,
	"source" text NOT NULL,
	"estimated_fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "areas_kind_check" CHECK ("areas"."kind" in ('district', 'postal-code', 'statistical-area', 'grid-cell')),
	CONSTRAINT "areas_population_check" CHECK ("areas"."population" >= 0 and "areas"."population_65_74" >= 0 and "areas"."population_75_plus" >= 0
      and "areas"."population_foreign_language" >= 0 and "areas"."population_swedish_speaking" >= 0
      and "areas"."population_65_74" + "areas"."population_75_plus" <= "areas"."population"),
	CONSTRAINT "areas_centroid_check" CHECK ("areas"."centroid_lat" between -90 and 90 and "areas"."centroid_lon" between -180 and 180)
);
--> statement-breakpoint
CREATE TABLE "bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visit_id" uuid NOT NULL,
	"reference_code" text NOT NULL,
	"topic_id" text,
	"language" text NOT NULL,
	"start" time NOT NULL,
	"end" time NOT NULL,
	"contact" text,
	"status" text DEFAULT 'booked' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delete_after" timestamp with time zone NOT NULL,
	CONSTRAINT "bookings_reference_unique" UNIQUE("reference_code"),
	CONSTRAINT "bookings_status_check" CHECK ("bookings"."status" in ('booked', 'cancelled', 'attended', 'no-show'))
);
--> statement-breakpoint
CREATE TABLE "closure_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"rule" text NOT NULL,
	"name_fi" text NOT NULL,
	"name_sv" text NOT NULL,
	"name_en" text NOT NULL,
	CONSTRAINT "closure_rules_rule_unique" UNIQUE("rule")
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" text NOT NULL,
	"logged_at" timestamp with time zone NOT NULL,
	"channel" text NOT NULL,
	"visit_id" uuid,
	"site_id" text,
	"advisor_id" text,
	"topic_ids" text[] NOT NULL,
	"language" text,
	"duration_minutes" integer,
	"outcome" text NOT NULL,
	CONSTRAINT "contacts_client_id_unique" UNIQUE("client_id"),
	CONSTRAINT "contacts_channel_check" CHECK ("contacts"."channel" in ('fixed-point', 'mobile-visit', 'phone', 'online')),
	CONSTRAINT "contacts_outcome_check" CHECK ("contacts"."outcome" in ('resolved', 'taught-self-service', 'referred', 'unresolved')),
	CONSTRAINT "contacts_duration_check" CHECK ("contacts"."duration_minutes" is null or "contacts"."duration_minutes" between 0 and 600)
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"horizon_from" date NOT NULL,
	"horizon_to" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"solver" text,
	"objective" double precision,
	"bound" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "plans_status_check" CHECK ("plans"."status" in ('draft', 'published', 'superseded'))
);
--> statement-breakpoint
CREATE TABLE "scenario_sites" (
	"id" serial PRIMARY KEY NOT NULL,
	"scenario_id" text NOT NULL,
	"site_id" text NOT NULL,
	"open_from" date,
	"open_until" date,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "scenario_sites_order_check" CHECK ("scenario_sites"."open_from" is null or "scenario_sites"."open_until" is null or "scenario_sites"."open_from" <= "scenario_sites"."open_until")
);
--> statement-breakpoint
CREATE TABLE "scenarios" (
	"id" text PRIMARY KEY NOT NULL,
	"name_fi" text NOT NULL,
	"name_sv" text NOT NULL,
	"name_en" text NOT NULL,
	"description_fi" text DEFAULT '' NOT NULL,
	"description_sv" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"builtin" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "site_hours_exceptions" (
	"id" serial PRIMARY KEY NOT NULL,
	"site_id" text NOT NULL,
	"date" date NOT NULL,
	"opens" time,
	"closes" time,
	"note_fi" text,
	"note_sv" text,
	"note_en" text,
	CONSTRAINT "site_hours_exceptions_pair_check" CHECK (("site_hours_exceptions"."opens" is null) = ("site_hours_exceptions"."closes" is null))
);
--> statement-breakpoint
CREATE TABLE "site_validity" (
	"id" serial PRIMARY KEY NOT NULL,
	"site_id" text NOT NULL,
	"valid_from" date,
	"valid_to" date,
	CONSTRAINT "site_validity_order_check" CHECK ("site_validity"."valid_from" is null or "site_validity"."valid_to" is null or "site_validity"."valid_from" <= "site_validity"."valid_to")
);
--> statement-breakpoint
CREATE TABLE "site_weekly_hours" (
	"id" serial PRIMARY KEY NOT NULL,
	"site_id" text NOT NULL,
	"weekday" smallint NOT NULL,
	"opens" time NOT NULL,
	"closes" time NOT NULL,
	"valid_from" date,
	"valid_to" date,
	CONSTRAINT "site_weekly_hours_weekday_check" CHECK ("site_weekly_hours"."weekday" between 1 and 7),
	CONSTRAINT "site_weekly_hours_order_check" CHECK ("site_weekly_hours"."opens" < "site_weekly_hours"."closes")
);
--> statement-breakpoint
CREATE TABLE "sites" (
	"id" text PRIMARY KEY NOT NULL,
	"role" text NOT NULL,
	"kind" text NOT NULL,
	"name_fi" text NOT NULL,
	"name_sv" text NOT NULL,
	"name_en" text NOT NULL,
	"street_address" text DEFAULT '' NOT NULL,
	"postal_code" text DEFAULT '' NOT NULL,
	"city" text DEFAULT '' NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"location_accuracy_meters" integer,
	"area_id" text,
	"district_id" text,
	"partner_organisation" text,
	"accessibility_fi" text,
	"accessibility_sv" text,
	"accessibility_en" text,
	"capacity_desks" integer DEFAULT 1 NOT NULL,
	"open_on_public_holidays" boolean DEFAULT false NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"illustrative" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sites_role_check" CHECK ("sites"."role" in ('fixed-point', 'venue')),
	CONSTRAINT "sites_kind_check" CHECK ("sites"."kind" in ('service-point', 'library', 'senior-centre', 'mall', 'health-station', 'resident-house', 'multi-service-centre', 'partner-premises')),
	CONSTRAINT "sites_capacity_check" CHECK ("sites"."capacity_desks" >= 0),
	CONSTRAINT "sites_location_check" CHECK ("sites"."lat" between -90 and 90 and "sites"."lon" between -180 and 180)
);
--> statement-breakpoint
CREATE TABLE "topics" (
	"id" text PRIMARY KEY NOT NULL,
	"name_fi" text NOT NULL,
	"name_sv" text NOT NULL,
	"name_en" text NOT NULL,
	"description_fi" text NOT NULL,
	"description_sv" text NOT NULL,
	"description_en" text NOT NULL,
	"at_fixed_point" boolean NOT NULL,
	"at_mobile_visit" boolean NOT NULL,
	"online" boolean NOT NULL,
	"self_service_url_fi" text,
	"self_service_url_sv" text,
	"self_service_url_en" text,
	"required_skill" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"illustrative" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_advisors" (
	"visit_id" uuid NOT NULL,
	"advisor_id" text NOT NULL,
	CONSTRAINT "visit_advisors_visit_id_advisor_id_pk" PRIMARY KEY("visit_id","advisor_id")
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"venue_id" text NOT NULL,
	"date" date NOT NULL,
	"start" time NOT NULL,
	"end" time NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"cancel_reason" text,
	"cancel_note_fi" text,
	"cancel_note_sv" text,
	"cancel_note_en" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visits_status_check" CHECK ("visits"."status" in ('planned', 'published', 'cancelled')),
	CONSTRAINT "visits_order_check" CHECK ("visits"."start" < "visits"."end"),
	CONSTRAINT "visits_cancel_check" CHECK (("visits"."status" = 'cancelled') = ("visits"."cancel_reason" is not null))
);
--> statement-breakpoint
ALTER TABLE "advisor_absences" ADD CONSTRAINT "advisor_absences_advisor_id_advisors_id_fk" FOREIGN KEY ("advisor_id") REFERENCES "public"."advisors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisor_availability" ADD CONSTRAINT "advisor_availability_advisor_id_advisors_id_fk" FOREIGN KEY ("advisor_id") REFERENCES "public"."advisors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisors" ADD CONSTRAINT "advisors_home_site_id_sites_id_fk" FOREIGN KEY ("home_site_id") REFERENCES "public"."sites"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "areas" ADD CONSTRAINT "areas_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."areas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_advisor_id_advisors_id_fk" FOREIGN KEY ("advisor_id") REFERENCES "public"."advisors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_sites" ADD CONSTRAINT "scenario_sites_scenario_id_scenarios_id_fk" FOREIGN KEY ("scenario_id") REFERENCES "public"."scenarios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_sites" ADD CONSTRAINT "scenario_sites_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_hours_exceptions" ADD CONSTRAINT "site_hours_exceptions_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_validity" ADD CONSTRAINT "site_validity_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_weekly_hours" ADD CONSTRAINT "site_weekly_hours_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sites" ADD CONSTRAINT "sites_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sites" ADD CONSTRAINT "sites_district_id_areas_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."areas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_advisors" ADD CONSTRAINT "visit_advisors_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_advisors" ADD CONSTRAINT "visit_advisors_advisor_id_advisors_id_fk" FOREIGN KEY ("advisor_id") REFERENCES "public"."advisors"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_venue_id_sites_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."sites"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "advisor_absences_advisor_idx" ON "advisor_absences" USING btree ("advisor_id");--> statement-breakpoint
CREATE INDEX "advisor_availability_advisor_idx" ON "advisor_availability" USING btree ("advisor_id");--> statement-breakpoint
CREATE INDEX "areas_parent_idx" ON "areas" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "bookings_delete_after_idx" ON "bookings" USING btree ("delete_after");--> statement-breakpoint
CREATE INDEX "contacts_logged_at_idx" ON "contacts" USING btree ("logged_at");--> statement-breakpoint
CREATE INDEX "scenario_sites_scenario_idx" ON "scenario_sites" USING btree ("scenario_id");--> statement-breakpoint
CREATE INDEX "site_hours_exceptions_site_date_idx" ON "site_hours_exceptions" USING btree ("site_id","date");--> statement-breakpoint
CREATE INDEX "site_validity_site_idx" ON "site_validity" USING btree ("site_id");--> statement-breakpoint
CREATE INDEX "site_weekly_hours_site_idx" ON "site_weekly_hours" USING btree ("site_id");--> statement-breakpoint
CREATE INDEX "sites_district_idx" ON "sites" USING btree ("district_id");--> statement-breakpoint
CREATE INDEX "visit_advisors_advisor_idx" ON "visit_advisors" USING btree ("advisor_id");--> statement-breakpoint
CREATE INDEX "visits_date_idx" ON "visits" USING btree ("date");--> statement-breakpoint
CREATE INDEX "visits_plan_idx" ON "visits" USING btree ("plan_id");