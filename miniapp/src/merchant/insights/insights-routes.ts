import { routes } from '../../routes'
import { queryString } from './insights-api'

/**
 * The URL of a console route the API names (a report link, a weekly action): `merchantDraft` with
 * `{ tier, threshold }` → `/merchant/pages/draft/index?tier=…&threshold=…`. An unknown name opens the insights
 * index rather than nothing.
 */
export function consoleRouteUrl(route: string, query: Record<string, string>): string {
  const path = route in routes ? routes[route as keyof typeof routes] : routes.merchantInsights
  return `${path}${queryString(query)}`
}

/** A report's page. */
export function insightReportRoute(report: string): string {
  return `${routes.merchantInsightReport}?report=${encodeURIComponent(report)}`
}
