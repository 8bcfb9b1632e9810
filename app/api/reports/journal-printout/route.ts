import { serveReport } from '@/server/reports/serve';

/** «Распечатка классного журнала» (PDF): see REPORT_ROUTES['journal-printout']. */
export const GET = serveReport('journal-printout');
