-- The change log is append-only: nobody, not even the application, may rewrite history.
CREATE OR REPLACE FUNCTION change_log_refuse_rewrite() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'change_log is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER change_log_no_update_delete BEFORE UPDATE OR DELETE ON change_log
  FOR EACH ROW EXECUTE FUNCTION change_log_refuse_rewrite();
--> statement-breakpoint
CREATE TRIGGER change_log_no_truncate BEFORE TRUNCATE ON change_log
  FOR EACH STATEMENT EXECUTE FUNCTION change_log_refuse_rewrite();
