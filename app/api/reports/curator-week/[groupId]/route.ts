import { serveReport } from '@/server/reports/serve';

/** The curator's week of a group (PDF, XLSX): see REPORT_ROUTES['curator-week/[groupId]']. */
export const GET = serveReport('curator-week/[groupId]');
