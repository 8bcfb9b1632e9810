ALTER TABLE "change_log" DROP CONSTRAINT "change_log_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "change_log" DROP CONSTRAINT "change_log_institution_id_batch_id_edit_batches_institution_id_id_fk";
--> statement-breakpoint
ALTER TABLE "journal_cells" DROP CONSTRAINT "journal_cells_updated_by_users_id_fk";
--> statement-breakpoint
CREATE INDEX "change_log_institution_id_batch_id_index" ON "change_log" USING btree ("institution_id","batch_id");--> statement-breakpoint
-- Journal cells are updated in place all day: room in each page lets PostgreSQL update them without touching indexes (HOT).
ALTER TABLE "journal_cells" SET (fillfactor = 80);
