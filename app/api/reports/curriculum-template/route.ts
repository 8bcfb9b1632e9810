import { serveReport } from '@/server/reports/serve';

/** The curriculum import template (XLSX): see REPORT_ROUTES['curriculum-template']. */
export const GET = serveReport('curriculum-template');
