import type { InsightMembersQuery, InsightSettings, ReportKey, ReportQuery } from '@mc/shared'
import { type ApiError, errorFromResponse } from '../../api/client'
import { consoleCall, openConsoleLogin } from '../console-call'
import { clearOperatorSession, readOperatorSession } from '../operator-session'

export type { InsightMemberRow, InsightMembersPage, InsightMembersQuery } from '@mc/shared'

/** One report's answer; each report is its own route, so the key picks the route. */
export const loadReport = (report: ReportKey, query: ReportQuery) =>
  consoleCall((api) => api.admin.insights[report].$get({ query }))
export const loadInsightSettings = () => consoleCall((api) => api.admin.insights.settings.$get())
export const saveInsightSettings = (settings: InsightSettings) =>
  consoleCall((api) => api.admin.insights.settings.$put({ json: settings }))
export const loadWeeklyActions = () => consoleCall((api) => api.admin.insights['weekly-actions'].$get())
export const loadInsightMembers = (query: InsightMembersQuery) =>
  consoleCall((api) =>
    api.admin.insights.members.$get({
      query: { ...query, limit: query.limit === undefined ? undefined : String(query.limit) },
    }),
  )

/** Adds an operator's tag; answers the member's insight with its tags. */
export const addManualTag = (memberId: string, tag: string) =>
  consoleCall((api) => api.admin.members[':memberId'].tags.$post({ param: { memberId }, json: { tag } }))
export const removeManualTag = (memberId: string, tag: string) =>
  consoleCall((api) => api.admin.members[':memberId'].tags[':tag'].$delete({ param: { memberId, tag } }))

/** The path of a report table's CSV export with the page's query. */
export const reportCsvPath = (report: ReportKey, table: string, query: ReportQuery) =>
  `/api/admin/insights/${report}/csv${queryString({ ...query, table })}`

/** `?a=1&b=2` of the defined values, or '' when there are none. */
export function queryString(query: object): string {
  const pairs = Object.entries(query).filter(([, value]) => value !== undefined && value !== null && value !== '')
  if (pairs.length === 0) return ''
  return `?${pairs.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`).join('&')}`
}

/** The operator's Authorization header, for requests that cannot go through the typed client (file downloads). */
export function operatorAuthHeader(): Record<string, string> {
  const token = readOperatorSession()?.token
  return token ? { Authorization: `Bearer ${token}` } : {}
}

/** A failed answer as an ApiError; a 401 ends the console session like consoleCall does. */
export function consoleFailure(status: number, body: unknown): ApiError {
  if (status === 401 && readOperatorSession() !== null) {
    clearOperatorSession()
    openConsoleLogin()
  }
  return errorFromResponse({ status, body })
}
