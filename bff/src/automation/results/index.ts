// Results of a journey or a campaign (owner: CAMPAIGNS helper), for GET /api/admin/campaigns/:id/results and
// GET /api/admin/automation/journeys/:key/results:
//
//   export async function automationResults(
//     db: Kysely<Database>,
//     source: { type: 'journey' | 'campaign'; id: string },   // journey key, or campaign id
//     range: { from?: string; to?: string },                   // business days of the decisions, inclusive;
//                                                              // defaults: the source's first decision day .. today
//     now: Date,
//   ): Promise<AutomationResults>                              // shared/src/automation/automation-lists.ts
//
// Journeys: validate the query with `AutomationResultsQuery` (shared) and answer
//   `automationResults(c.var.deps.db, { type: 'journey', id: key }, c.req.valid('query'), c.var.deps.clock.now())`
// with `AutomationResults` as the documented schema; errors: RANGE_BACKWARDS.
export { automationResults } from './automation-results'
