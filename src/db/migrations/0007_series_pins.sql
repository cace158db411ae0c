CREATE TABLE "series_pins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"venue_id" text NOT NULL,
	"weekday" smallint NOT NULL,
	"start" time NOT NULL,
	"end" time NOT NULL,
	"every" smallint NOT NULL,
	"since" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "series_pins_series_unique" UNIQUE("venue_id","weekday","start","end"),
	CONSTRAINT "series_pins_weekday_check" CHECK ("series_pins"."weekday" between 1 and 5),
	CONSTRAINT "series_pins_every_check" CHECK ("series_pins"."every" in (1, 2)),
	CONSTRAINT "series_pins_order_check" CHECK ("series_pins"."start" < "series_pins"."end")
);
--> statement-breakpoint
ALTER TABLE "series_pins" ADD CONSTRAINT "series_pins_venue_id_sites_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;