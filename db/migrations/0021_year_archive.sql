ALTER TABLE "academic_years" ADD COLUMN "journal_purged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "certified_copies" ADD COLUMN "archive_year_id" integer;--> statement-breakpoint
CREATE INDEX "certified_copies_institution_id_archive_year_id_index" ON "certified_copies" USING btree ("institution_id","archive_year_id");--> statement-breakpoint
-- The logs stay append-only, with one exception: the destruction of a year's journal after its 5 years (regulation
-- §6.1), which deletes rows in a transaction that has said so (`SET LOCAL ezh.retention_purge = 'on'`,
-- server/services/college/retention.ts). UPDATE and TRUNCATE stay refused always.
CREATE OR REPLACE FUNCTION change_log_refuse_rewrite() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('ezh.retention_purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;
