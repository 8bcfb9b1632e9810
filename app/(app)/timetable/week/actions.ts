'use server';

import { z } from 'zod';
import { countOf, NOUNS } from '@/domain/plural';
import { formAction } from '@/server/actions/form-action';
import { changeInput, makeChange } from '@/server/services/timetable/changes';
import { lessonsSummary } from '@/server/services/timetable/lessons';
import { publishTimetable } from '@/server/services/timetable/publish';

/** A dated change of the timetable: cancel, move, substitute, an extra lesson, or undoing a change (§5.4). */
export const changeTimetableAction = formAction
  .requires('timetable.place')
  .input(changeInput)
  .handle(({ db, actor, input }) => makeChange(db, actor, input));

/** Publishes the drafts: the teachers, students and parents they touch see them (issue #11, item 4). */
export const publishTimetableAction = formAction
  .requires('timetable.publish')
  .input(z.object({}))
  .handle(async ({ db, actor }) => {
    const { lines, lessons } = await publishTimetable(db, actor);
    return `Расписание опубликовано: ${countOf(lines.length, NOUNS.change)}. ${lessonsSummary(lessons)}`;
  });
