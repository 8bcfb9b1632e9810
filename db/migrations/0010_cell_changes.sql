CREATE TABLE "cell_changes" (
	"institution_id" integer NOT NULL,
	"batch_id" integer NOT NULL,
	"lesson_id" integer NOT NULL,
	"student_ids" integer[] NOT NULL,
	"version_before" integer[] NOT NULL,
	"attendance_before" text[] NOT NULL,
	"grade1_before" text[] NOT NULL,
	"grade2_before" text[] NOT NULL,
	"attendance_after" text[] NOT NULL,
	"grade1_after" text[] NOT NULL,
	"grade2_after" text[] NOT NULL,
	"user_id" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cell_changes_institution_id_batch_id_lesson_id_pk" PRIMARY KEY("institution_id","batch_id","lesson_id")
);
--> statement-breakpoint
CREATE INDEX "cell_changes_institution_id_lesson_id_index" ON "cell_changes" USING btree ("institution_id","lesson_id");--> statement-breakpoint
-- One append-only rule for both logs.
CREATE OR REPLACE FUNCTION change_log_refuse_rewrite() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER cell_changes_no_update_delete BEFORE UPDATE OR DELETE ON cell_changes
  FOR EACH ROW EXECUTE FUNCTION change_log_refuse_rewrite();
--> statement-breakpoint
CREATE TRIGGER cell_changes_no_truncate BEFORE TRUNCATE ON cell_changes
  FOR EACH STATEMENT EXECUTE FUNCTION change_log_refuse_rewrite();
--> statement-breakpoint
-- Cell changes logged before this migration (in change_log, as 'cell' rows of one cell or 'cells' rows of one lesson
-- packed in JSON) are copied here, so that history and undo read one table; the originals stay where they are.
INSERT INTO cell_changes (institution_id, batch_id, lesson_id, student_ids, version_before, attendance_before, grade1_before,
  grade2_before, attendance_after, grade1_after, grade2_after, user_id, at)
SELECT institution_id, batch_id, lesson_id, array_agg(student_id ORDER BY id),
  array_agg(coalesce((before->>'version')::int, 0) ORDER BY id), array_agg(coalesce(before->>'attendance', '') ORDER BY id),
  array_agg(coalesce(before->>'grade1', '') ORDER BY id), array_agg(coalesce(before->>'grade2', '') ORDER BY id),
  array_agg(coalesce(after->>'attendance', '') ORDER BY id), array_agg(coalesce(after->>'grade1', '') ORDER BY id),
  array_agg(coalesce(after->>'grade2', '') ORDER BY id), min(user_id), min(at)
FROM change_log WHERE entity = 'cell' AND lesson_id IS NOT NULL AND student_id IS NOT NULL
GROUP BY institution_id, batch_id, lesson_id;
--> statement-breakpoint
INSERT INTO cell_changes (institution_id, batch_id, lesson_id, student_ids, version_before, attendance_before, grade1_before,
  grade2_before, attendance_after, grade1_after, grade2_after, user_id, at)
SELECT l.institution_id, l.batch_id, l.lesson_id,
  ARRAY(SELECT x::int FROM jsonb_array_elements_text(l.after->'s') WITH ORDINALITY AS t(x, n) ORDER BY n),
  ARRAY(SELECT coalesce(x::int, 0) FROM jsonb_array_elements_text(l.before->'v') WITH ORDINALITY AS t(x, n) ORDER BY n),
  ARRAY(SELECT coalesce(x, '') FROM jsonb_array_elements_text(l.before->'a') WITH ORDINALITY AS t(x, n) ORDER BY n),
  ARRAY(SELECT coalesce(x, '') FROM jsonb_array_elements_text(l.before->'g1') WITH ORDINALITY AS t(x, n) ORDER BY n),
  ARRAY(SELECT coalesce(x, '') FROM jsonb_array_elements_text(l.before->'g2') WITH ORDINALITY AS t(x, n) ORDER BY n),
  ARRAY(SELECT coalesce(x, '') FROM jsonb_array_elements_text(l.after->'a') WITH ORDINALITY AS t(x, n) ORDER BY n),
  ARRAY(SELECT coalesce(x, '') FROM jsonb_array_elements_text(l.after->'g1') WITH ORDINALITY AS t(x, n) ORDER BY n),
  ARRAY(SELECT coalesce(x, '') FROM jsonb_array_elements_text(l.after->'g2') WITH ORDINALITY AS t(x, n) ORDER BY n),
  l.user_id, l.at
FROM change_log l WHERE l.entity = 'cells' AND l.lesson_id IS NOT NULL;
