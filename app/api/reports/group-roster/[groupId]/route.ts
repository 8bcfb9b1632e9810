import { serveReport } from '@/server/reports/serve';

/** The group's student list (CSV): see REPORT_ROUTES['group-roster/[groupId]']. */
export const GET = serveReport('group-roster/[groupId]');
