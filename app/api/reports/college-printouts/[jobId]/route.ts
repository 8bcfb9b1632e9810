import { serveReport } from '@/server/reports/serve';

/** The files of a «Все группы» job (a group's PDF, or the ZIP): see REPORT_ROUTES['college-printouts/[jobId]']. */
export const GET = serveReport('college-printouts/[jobId]');
