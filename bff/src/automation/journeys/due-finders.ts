import { birthday } from './birthday'
import type { DueFinder } from './journey-context'
import { nearNext } from './near-next'
import { pointsExpiring } from './points-expiring'
import { retentionRisk } from './retention-risk'
import { winBack } from './win-back'

/**
 * The daily journeys' finders, in the order a run sends them (the cap keeps the first ones when a member is due for
 * several).
 */
export const dueFinders: readonly DueFinder[] = [retentionRisk, pointsExpiring, winBack, nearNext, birthday]

export const dueFinderFor = (key: string): DueFinder | undefined => dueFinders.find((f) => f.key === key)
