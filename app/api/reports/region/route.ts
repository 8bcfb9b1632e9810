import { serveReport } from '@/server/reports/serve';

/** The region's view of its colleges (XLSX): see REPORT_ROUTES.region. */
export const GET = serveReport('region');
