CREATE TABLE "demand_points" (
	"id" text PRIMARY KEY NOT NULL,
	"area_id" text NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"counts" jsonb NOT NULL,
	"basis" text NOT NULL,
	CONSTRAINT "demand_points_basis_check" CHECK ("demand_points"."basis" in ('grid', 'points', 'modelled')),
	CONSTRAINT "demand_points_location_check" CHECK ("demand_points"."lat" between -90 and 90 and "demand_points"."lon" between -180 and 180)
);
--> statement-breakpoint
ALTER TABLE "areas" ALTER COLUMN "population_foreign_language" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "areas" ALTER COLUMN "population_swedish_speaking" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "demand_points" ADD CONSTRAINT "demand_points_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "demand_points_area_idx" ON "demand_points" USING btree ("area_id");