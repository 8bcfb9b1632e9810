import { serveReport } from '@/server/reports/serve';

/** Access slips for logins just issued (PDF): see REPORT_ROUTES['access-slips']. */
export const POST = serveReport('access-slips');
