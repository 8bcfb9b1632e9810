import path from 'node:path';
import { renderTemplate } from './template';

const APP_TEMPLATE = path.join(import.meta.dirname, 'templates', 'haproxy-app.cfg.tmpl');

/** Debian's HAProxy 2.6 (`apt-get install haproxy`), for scripts/debian.ts. */
export const HAPROXY = { command: 'haproxy', package: 'haproxy', services: ['haproxy'] };

/**
 * HAProxy's sections for the app's instances (scripts/templates/haproxy-app.cfg.tmpl): a frontend on 127.0.0.1:`port` and
 * a backend of one server per instance port on 127.0.0.1, health-checked on /login.
 */
export function appBalancerSections(port: number, instancePorts: number[]): string {
  return renderTemplate(APP_TEMPLATE, {
    bind: `127.0.0.1:${port}`,
    servers: instancePorts.map((p, i) => `  server app${i + 1} 127.0.0.1:${p}`).join('\n'),
  });
}
