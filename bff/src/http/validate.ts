import { AppError } from '@mc/shared'
import { zValidator } from '@hono/zod-validator'
import type { ValidationTargets } from 'hono'
import type { ZodType } from 'zod'

/**
 * The one way requests are validated: at the edge, with the schemas from `shared/`, failing as INVALID_REQUEST
 * with each issue's field path and message so the client can point at the field.
 */
export const validate = <Target extends keyof ValidationTargets, Schema extends ZodType>(target: Target, schema: Schema) =>
  zValidator(target, schema, (result) => {
    if (!result.success) {
      throw new AppError('INVALID_REQUEST', { issues: fieldIssues(result.error) })
    }
  })

/** A zod error as the API reports it: one `{ path: 'tiers.1.threshold', message }` per problem. */
export const fieldIssues = (error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }) => error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }))
