ALTER TABLE "timetable_changes" ADD COLUMN "warnings" jsonb;--> statement-breakpoint
ALTER TABLE "timetable_entries" ADD COLUMN "warnings" jsonb;--> statement-breakpoint
ALTER TABLE "timetable_publications" ADD COLUMN "effective_from" date;