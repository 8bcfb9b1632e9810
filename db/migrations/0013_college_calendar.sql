CREATE TABLE "calendar_days" (
	"institution_id" integer NOT NULL,
	"date" date NOT NULL,
	"kind" text NOT NULL,
	"note" text,
	CONSTRAINT "calendar_days_institution_id_date_pk" PRIMARY KEY("institution_id","date")
);
--> statement-breakpoint
ALTER TABLE "calendar_days" ADD CONSTRAINT "calendar_days_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;