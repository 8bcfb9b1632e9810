import { serveReport } from '@/server/reports/serve';

/** «Лист контроля ведения журнала» of a teacher (PDF, XLSX): see REPORT_ROUTES['journal-keeping/[teacherId]']. */
export const GET = serveReport('journal-keeping/[teacherId]');
