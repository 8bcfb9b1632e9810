CREATE TABLE "group_year_names" (
	"institution_id" integer NOT NULL,
	"group_id" integer NOT NULL,
	"academic_year_id" integer NOT NULL,
	"name" text NOT NULL,
	"course" smallint NOT NULL,
	"order_no" text NOT NULL,
	"order_date" date NOT NULL,
	CONSTRAINT "group_year_names_institution_id_group_id_academic_year_id_pk" PRIMARY KEY("institution_id","group_id","academic_year_id")
);
--> statement-breakpoint
ALTER TABLE "group_year_names" ADD CONSTRAINT "group_year_names_institution_id_group_id_groups_institution_id_id_fk" FOREIGN KEY ("institution_id","group_id") REFERENCES "public"."groups"("institution_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_year_names" ADD CONSTRAINT "group_year_names_institution_id_academic_year_id_academic_years_institution_id_id_fk" FOREIGN KEY ("institution_id","academic_year_id") REFERENCES "public"."academic_years"("institution_id","id") ON DELETE no action ON UPDATE no action;