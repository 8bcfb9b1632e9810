-- Raised inside a journal write when a cell's version moved since the client read it: the statement (and so the
-- whole batch) fails at once, with no explicit transaction around it.
CREATE FUNCTION ezh_version_conflict() RETURNS integer LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ezh:version-conflict' USING ERRCODE = '40001';
END
$$;
