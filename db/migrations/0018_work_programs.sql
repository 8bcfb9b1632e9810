CREATE TABLE "planned_topics" (
	"institution_id" integer NOT NULL,
	"teaching_assignment_id" integer NOT NULL,
	"position" smallint NOT NULL,
	"section" boolean DEFAULT false NOT NULL,
	"title" text NOT NULL,
	"hours" smallint DEFAULT 0 NOT NULL,
	"kind" text,
	CONSTRAINT "planned_topics_institution_id_teaching_assignment_id_position_pk" PRIMARY KEY("institution_id","teaching_assignment_id","position")
);
--> statement-breakpoint
CREATE TABLE "work_programs" (
	"institution_id" integer NOT NULL,
	"teaching_assignment_id" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"approved_by" text,
	"reviewed_at" text,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "work_programs_institution_id_teaching_assignment_id_pk" PRIMARY KEY("institution_id","teaching_assignment_id")
);
--> statement-breakpoint
ALTER TABLE "planned_topics" ADD CONSTRAINT "planned_topics_institution_id_teaching_assignment_id_work_programs_institution_id_teaching_assignment_id_fk" FOREIGN KEY ("institution_id","teaching_assignment_id") REFERENCES "public"."work_programs"("institution_id","teaching_assignment_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_programs" ADD CONSTRAINT "work_programs_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_programs" ADD CONSTRAINT "work_programs_institution_id_teaching_assignment_id_teaching_assignments_institution_id_id_fk" FOREIGN KEY ("institution_id","teaching_assignment_id") REFERENCES "public"."teaching_assignments"("institution_id","id") ON DELETE no action ON UPDATE no action;