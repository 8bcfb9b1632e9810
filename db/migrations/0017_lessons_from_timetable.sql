ALTER TABLE "lessons" ADD COLUMN "timetable_key" text;--> statement-breakpoint
ALTER TABLE "lessons" ADD COLUMN "taught_by" integer;--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_taught_by_users_id_fk" FOREIGN KEY ("taught_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "lessons_institution_id_timetable_key_index" ON "lessons" USING btree ("institution_id","timetable_key");--> statement-breakpoint
CREATE INDEX "lessons_institution_id_taught_by_teaching_assignment_id_index" ON "lessons" USING btree ("institution_id","taught_by","teaching_assignment_id") WHERE "lessons"."taught_by" is not null;