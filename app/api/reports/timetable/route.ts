import { serveReport } from '@/server/reports/serve';

/** The printed week (PDF): see REPORT_ROUTES.timetable. */
export const GET = serveReport('timetable');
