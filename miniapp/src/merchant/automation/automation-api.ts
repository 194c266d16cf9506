import type {
  AutomationResultsQuery,
  CampaignBody,
  EngagementSettings,
  JourneyKey,
  MessageCopy,
  OutboxQuery,
  SegmentBody,
  SegmentFilter,
} from '@mc/shared'
import { consoleCall } from '../console-call'

// The console's engagement calls, each through the typed client so a route's answer types the page that shows it.

export const loadEngagementSettings = () => consoleCall((api) => api.admin.automation.settings.$get())
export const saveEngagementSettings = (settings: EngagementSettings) =>
  consoleCall((api) => api.admin.automation.settings.$put({ json: settings }))
export const loadJourneys = () => consoleCall((api) => api.admin.automation.journeys.$get())
/** The copy rendered with one real member's values (the server picks a member when none is named). */
export const previewJourney = (key: JourneyKey, copy: MessageCopy, memberId: string | null) =>
  consoleCall((api) =>
    api.admin.automation.journeys[':key'].preview.$post({
      param: { key },
      json: memberId ? { copy, memberId } : { copy },
    }),
  )
export const loadJourneyResults = (key: JourneyKey, query: AutomationResultsQuery = {}) =>
  consoleCall((api) => api.admin.automation.journeys[':key'].results.$get({ param: { key }, query }))

export const loadSegments = () => consoleCall((api) => api.admin.segments.$get())
export const loadSegment = (id: string) => consoleCall((api) => api.admin.segments[':id'].$get({ param: { id } }))
export const createSegment = (body: SegmentBody) => consoleCall((api) => api.admin.segments.$post({ json: body }))
export const updateSegment = (id: string, body: SegmentBody) =>
  consoleCall((api) => api.admin.segments[':id'].$put({ param: { id }, json: body }))
export const previewSegment = (filter: SegmentFilter) =>
  consoleCall((api) => api.admin.segments.preview.$post({ json: { filter } }))

/** A page of campaigns, newest first; `cursor` is the previous page's `nextCursor`. */
export const loadCampaigns = (cursor?: string) =>
  consoleCall((api) => api.admin.campaigns.$get({ query: cursor ? { cursor } : {} }))
export const loadCampaign = (id: string) => consoleCall((api) => api.admin.campaigns[':id'].$get({ param: { id } }))
export const createCampaign = (body: CampaignBody) => consoleCall((api) => api.admin.campaigns.$post({ json: body }))
export const cancelCampaign = (id: string) =>
  consoleCall((api) => api.admin.campaigns[':id'].cancel.$post({ param: { id } }))
export const loadCampaignResults = (id: string, query: AutomationResultsQuery = {}) =>
  consoleCall((api) => api.admin.campaigns[':id'].results.$get({ param: { id }, query }))

export const loadOutreachStatus = () => consoleCall((api) => api.admin.outreach.status.$get())
export const loadOutbox = (query: Partial<OutboxQuery>) =>
  consoleCall((api) =>
    api.admin.outbox.$get({
      query: { ...query, limit: query.limit === undefined ? undefined : String(query.limit) },
    }),
  )
export const retryOutboxMessage = (id: string) =>
  consoleCall((api) => api.admin.outbox[':id'].retry.$post({ param: { id } }))
