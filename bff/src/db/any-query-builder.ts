import type { ExpressionBuilder } from 'kysely'
import type { Database } from './schema'

/**
 * An outer query's expression builder seen as the plain schema's, for a subquery column that names none of the outer
 * query's tables (the latest program version, whether events wait parked): any query's builder then serves, and
 * the column can be selected by statements over different tables.
 */
export const anyQueryBuilder = <DB extends Database, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>) =>
  eb as unknown as ExpressionBuilder<Database, never>
