import { serveReport } from '@/server/reports/serve';

/** A curriculum (XLSX): see REPORT_ROUTES['curriculum/[curriculumId]']. */
export const GET = serveReport('curriculum/[curriculumId]');
