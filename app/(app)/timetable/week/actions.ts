'use server';

import { formatDate } from '@/domain/dates';
import { countOf, NOUNS } from '@/domain/plural';
import { formAction } from '@/server/actions/form-action';
import { changeInput, makeChange } from '@/server/services/timetable/changes';
import { lessonsSummary } from '@/server/services/timetable/lessons';
import { publishInput, publishTimetable } from '@/server/services/timetable/publish';

/** A dated change of the timetable: cancel, move, substitute, an extra lesson, or undoing a change (§5.4). */
export const changeTimetableAction = formAction
  .requires('timetable.place')
  .input(changeInput)
  .handle(({ db, actor, input }) => makeChange(db, actor, input));

/**
 * Publishes the drafts: the teachers, students and parents they touch see them (issue #11, item 4), taking effect from
 * the date chosen (default the coming Monday; a past date only with «также заполнить прошедшие недели», issue #26).
 */
export const publishTimetableAction = formAction
  .requires('timetable.publish')
  .input(publishInput)
  .handle(async ({ db, actor, input }) => {
    const { lines, lessons, effectiveFrom } = await publishTimetable(db, actor, input);
    return `Расписание опубликовано: ${countOf(lines.length, NOUNS.change)}, действует с ${formatDate(effectiveFrom)}. ${lessonsSummary(lessons)}`;
  });
