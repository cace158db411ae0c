CREATE TABLE "feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lang" text NOT NULL,
	"page" text,
	"message" text NOT NULL,
	"reply_to" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_lang_check" CHECK ("feedback"."lang" in ('fi', 'sv', 'en')),
	CONSTRAINT "feedback_message_length_check" CHECK (char_length("feedback"."message") between 1 and 4000)
);
--> statement-breakpoint
CREATE INDEX "feedback_created_idx" ON "feedback" USING btree ("created_at");