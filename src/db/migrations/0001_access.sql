CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "transit_stations" (
	"id" text PRIMARY KEY NOT NULL,
	"name_fi" text NOT NULL,
	"name_sv" text NOT NULL,
	"mode" text NOT NULL,
	"opened" date,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	CONSTRAINT "transit_stations_mode_check" CHECK ("transit_stations"."mode" in ('metro', 'rail', 'tram', 'bus-terminal'))
);
--> statement-breakpoint
CREATE TABLE "travel_time_matrices" (
	"id" text PRIMARY KEY NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"source" text NOT NULL,
	"approximate" boolean DEFAULT false NOT NULL,
	"modes" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "travel_times" (
	"matrix_id" text NOT NULL,
	"mode" text NOT NULL,
	"origin_id" text NOT NULL,
	"destination_id" text NOT NULL,
	"minutes" real,
	CONSTRAINT "travel_times_matrix_id_mode_origin_id_destination_id_pk" PRIMARY KEY("matrix_id","mode","origin_id","destination_id")
);
--> statement-breakpoint
ALTER TABLE "scenarios" ADD COLUMN "reference_date" date;--> statement-breakpoint
ALTER TABLE "travel_times" ADD CONSTRAINT "travel_times_matrix_id_travel_time_matrices_id_fk" FOREIGN KEY ("matrix_id") REFERENCES "public"."travel_time_matrices"("id") ON DELETE cascade ON UPDATE no action;