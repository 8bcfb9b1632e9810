/**
 * The application's configuration, read and checked in one place (the README's «Настройка» table). Everything the app
 * reads from the environment comes through `env()`; a bad value is named in Russian, and a production start stops on
 * it (server/startup.ts). Test and bench tooling (TEST_DATABASE_URL, BENCH_DATABASE_URL, PLAYWRIGHT_CHROMIUM_PATH,
 * TEST_TEMPLATE_DIR) is not the app's and is read by that tooling.
 */
import { z } from 'zod';

const httpUrl = (name: string) =>
  z
    .string()
    .trim()
    .refine(
      (v) => /^https?:\/\/[^\s/]+/.test(v),
      `${name}: нужен адрес http:// или https://, например https://ezh.college.ru`,
    );

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z
    .string()
    .trim()
    .refine(
      (v) => /^postgres(ql)?:\/\/\S+$/.test(v),
      'DATABASE_URL: нужен адрес вида postgres://пользователь@сервер:5432/база',
    )
    .optional(),
  /**
   * A replica (or a proxy in front of the replicas) for reads that tolerate lag (server/read-routing.ts); only with
   * DATABASE_URL.
   */
  DATABASE_READ_URL: z
    .string()
    .trim()
    .refine(
      (v) => /^postgres(ql)?:\/\/\S+$/.test(v),
      'DATABASE_READ_URL: нужен адрес вида postgres://пользователь@реплика:5432/база',
    )
    .optional(),
  DATA_DIR: z.string().trim().min(1, 'DATA_DIR: пустой путь').default('./.data'),
  NEXTAUTH_SECRET: z
    .string()
    .min(16, 'NEXTAUTH_SECRET: не короче 16 знаков (лучше 32 случайных байта в base64)')
    .optional(),
  NEXTAUTH_URL: httpUrl('NEXTAUTH_URL').optional(),
  PUBLIC_URL: httpUrl('PUBLIC_URL').optional(),
  /** Unset: every address of the machine, IPv6 and IPv4 (`::`, or `0.0.0.0` without IPv6: server/network.ts). */
  HOST: z.string().trim().min(1).optional(),
  PORT: z.coerce
    .number({ message: 'PORT: ожидается номер порта' })
    .int('PORT: ожидается целое число')
    .min(1, 'PORT: от 1 до 65535')
    .max(65535, 'PORT: от 1 до 65535')
    .default(3000),
  SEED_DEMO: z.enum(['true', 'false'], { message: 'SEED_DEMO: true или false' }).default('true'),
  PG_PLAN_CACHE_MODE: z
    .enum(['auto', 'force_generic_plan', 'force_custom_plan'], {
      message: 'PG_PLAN_CACHE_MODE: auto, force_generic_plan или force_custom_plan',
    })
    .default('force_generic_plan'),
  PDF_FONT_DIR: z.string().trim().min(1).optional(),
});

export type Env = z.infer<typeof schema>;

/** Empty variables count as unset (`PUBLIC_URL=` in a service file). */
function present(source: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(source).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  );
}

/** The configuration, or every bad variable named with its reason. */
export function parseEnv(
  source: Record<string, string | undefined> = process.env,
): { ok: true; env: Env } | { ok: false; problems: string[] } {
  const parsed = schema.safeParse(present(source));
  if (parsed.success) return { ok: true, env: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => i.message) };
}

const KEYS = Object.keys(schema.shape) as (keyof Env)[];
let last: { key: string; env: Env } | null = null;

/**
 * The configuration of this process. Checked again whenever one of its variables changed (the start script and tests
 * may set them first); otherwise the last check stands — it is read on every request (the session's secret, the
 * database), and checking the whole environment each time cost ≈0.2 ms of a small request.
 */
export function env(): Env {
  const key = KEYS.map((k) => process.env[k] ?? '').join('\0');
  if (last?.key === key) return last.env;
  const parsed = parseEnv();
  if (!parsed.ok) throw new Error(`Настройка: ${parsed.problems.join('; ')}`);
  last = { key, env: parsed.env };
  return parsed.env;
}
