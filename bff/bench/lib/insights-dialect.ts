import { addDays } from '@mc/shared'

/**
 * The few expressions the insights population writes differently on the two engines; everything else is the same
 * SQL text, so both engines get the very same rows.
 */
export interface GenDialect {
  kind: 'sqlite' | 'postgres'
  /** A FROM item yielding the integers 0 … n − 1 as column `i`. */
  series(n: number): string
  /** `expr` as decimal text, zero-padded to `width`. */
  pad(expr: string, width: number): string
  /**
   * A multiplicative hash of a non-negative integer expression below 2³⁰, 0 … 2²⁴ − 1 (the low bits of a
   * multiplicative hash follow the input's, so they are dropped). `second` picks an independent multiplier.
   */
  hash(expr: string, second?: boolean): string
  /** A text expression's leading integer (a business day's year). */
  int(expr: string): string
}

export const sqliteDialect: GenDialect = {
  kind: 'sqlite',
  series: (n) => `(with recursive s(i) as (select 0 union all select i + 1 from s where i + 1 < ${n}) select i from s)`,
  pad: (expr, width) => `printf('%0${width}d', ${expr})`,
  hash: (expr, second) => `((((${expr}) * ${second ? 2246822519 : 2654435761}) % 4294967296) / 256)`,
  int: (expr) => `cast(${expr} as integer)`,
}

export const postgresDialect: GenDialect = {
  kind: 'postgres',
  series: (n) => `(select generate_series(0, ${n - 1}) as i)`,
  pad: (expr, width) => `lpad((${expr})::text, ${width}, '0')`,
  hash: (expr, second) => `((((${expr})::bigint * ${second ? 2246822519 : 2654435761}) % 4294967296) / 256)`,
  int: (expr) => `(${expr})::int`,
}

/**
 * `bench_days`: day offset d (days before `today`; negative = future) → business day text, so no row needs a date
 * function. Times of day are written as text too: business day X at local hour h of the template's calendar
 * (Asia/Shanghai, no daylight saving) is `X` at UTC hour h − 8 when 8 ≤ h < 24.
 */
export function daysTableSql(today: string, back: number, ahead: number): string[] {
  const rows: string[] = []
  for (let d = -ahead; d <= back; d += 1) rows.push(`(${d}, '${addDays(today, -d)}')`)
  const chunks: string[] = []
  for (let at = 0; at < rows.length; at += 500) {
    chunks.push(`insert into bench_days (d, day) values ${rows.slice(at, at + 500).join(', ')}`)
  }
  return ['create temp table bench_days (d integer primary key, day varchar(10) not null)', ...chunks]
}

/** The categories order lines carry (the webhook's `lines[].category`). */
export const benchCategories = ['零食', '饮料', '乳品', '生鲜', '粮油', '日化', '个护', '酒水']

export const categoryCase = (expr: string) =>
  `case ${expr} ${benchCategories.map((c, n) => `when ${n} then '${c}'`).join(' ')} end`
