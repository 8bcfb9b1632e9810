/**
 * Pre-flight of «Распечатка классного журнала» for the screen (issue #12, item 4): the same data the copy would show,
 * judged by domain/print-checks.ts, with the choices of the print form (the year's terms, the group's journals).
 */
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { idSchema } from '../../../domain/ids';
import { preflightIssues, type PreflightIssue } from '../../../domain/print-checks';
import { todayOf, type Actor } from '../../policy/actor';
import { badInput, Refusal } from '../../policy/refusal';
import { institutionsFor } from '../../policy/scope';
import { currentTerms } from '../../queries/terms';
import type { ReportTerm } from '../group-header';
import { loadJournalCopy, preflightJournals, printoutInput } from './load';

export const preflightInput = printoutInput.extend({ termId: idSchema.optional() });
export type PreflightInput = z.infer<typeof preflightInput>;

export interface Preflight {
  group: { id: number; name: string };
  term: ReportTerm;
  terms: ReportTerm[];
  from: string;
  to: string;
  /** The group's journals of the term, alphabetically: the «Предмет» choices. */
  journals: { assignmentId: number; title: string; teacher: string; teacherId: number | null }[];
  issues: PreflightIssue[];
}

/** The pre-flight for the actor's scope (the same refusals as the copy); the term defaults to the college's current one. */
export async function printPreflight(db: Db, actor: Actor, input: PreflightInput): Promise<Preflight> {
  let termId = input.termId;
  if (termId === undefined) {
    const current = await currentTerms(db, institutionsFor(actor, 'reports.print'), todayOf(actor));
    termId = [...current.values()][0]?.id;
    if (termId === undefined) throw badInput('Семестр: в колледже ещё нет начавшихся семестров');
  }
  const copy = await loadJournalCopy(db, actor, { ...input, termId });
  // The «Предмет» choices: the whole group where the actor may print it, else the one journal.
  const all = input.assignmentId
    ? await loadJournalCopy(db, actor, { ...input, termId, assignmentId: undefined }).catch((error: unknown) => {
        if (error instanceof Refusal && error.status === 403) return copy;
        throw error;
      })
    : copy;
  return {
    group: { id: copy.group.id, name: copy.group.name },
    term: copy.term,
    terms: copy.terms,
    from: copy.from,
    to: copy.to,
    journals: all.journals.map((j) => ({
      assignmentId: j.assignmentId,
      title: `${j.itemCode} ${j.itemName}${j.subgroupName ? ` (${j.subgroupName})` : ''}`,
      teacher: j.teacher,
      teacherId: j.teacherId,
    })),
    issues: preflightIssues(preflightJournals(copy), {
      from: copy.from,
      to: copy.to,
      today: copy.today,
      termEndsOn: copy.term.endsOn,
    }),
  };
}
