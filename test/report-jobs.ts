import type { Db } from '../db/client';
import { reportJobGroups, reportJobs } from '../db/schema';

/**
 * A finished «Все группы» job with one group's PDF, written straight to the database (no queue, no rendering): what the
 * role matrices and the isolation test ask for by id.
 */
export async function insertReportJob(
  db: Db,
  job: { institutionId: number; createdBy: number; termId: number; groupId: number; groupName: string },
): Promise<number> {
  const params = { termId: job.termId, lessonsPerPage: 40, newPage: true };
  const [row] = await db
    .insert(reportJobs)
    .values({
      institutionId: job.institutionId,
      kind: 'college-printouts',
      termId: job.termId,
      params,
      setKey: `fixture:${job.groupId}:${Math.random()}`,
      status: 'done',
      createdBy: job.createdBy,
      finishedAt: new Date(),
    })
    .returning({ id: reportJobs.id });
  await db.insert(reportJobGroups).values({
    jobId: row!.id,
    groupId: job.groupId,
    position: 0,
    groupName: job.groupName,
    status: 'done',
    fileName: `Классный журнал ${job.groupName}`,
    pdf: Buffer.from('%PDF-1.4 fixture'),
    pages: 1,
    finishedAt: new Date(),
  });
  return row!.id;
}
