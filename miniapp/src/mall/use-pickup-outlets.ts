import { useCallback, useEffect, useRef, useState } from 'react'
import type { PickupOutlet } from '@mc/shared'
import { call, failureOf } from '../api/client'

/** The checkout's pickup store: the stores to choose from, the one chosen, and whether the list is still coming. */
export interface PickupOutletChoice {
  outlets: PickupOutlet[]
  chosen: PickupOutlet | null
  loading: boolean
  error: string | null
  choose(outletId: string): void
  reload(): void
}

/**
 * Loads the stores taking pickups when the item is picked up, and preselects the member's store (the BFF's
 * `preferredOutletId`: last pickup, else where they joined) or, with one store only, that one. With several and
 * no preference nothing is chosen: the shopper picks, rather than being sent to a store they never named.
 */
export function usePickupOutlets(needed: boolean): PickupOutletChoice {
  const [outlets, setOutlets] = useState<PickupOutlet[]>([])
  const [chosenId, setChosenId] = useState<string | null>(null)
  const [loading, setLoading] = useState(needed)
  const [error, setError] = useState<string | null>(null)
  // Answers to an older request (the page left, or 重试 tapped twice) are dropped.
  const generation = useRef(0)

  const load = useCallback(async () => {
    const mine = ++generation.current
    setLoading(true)
    try {
      const answer = await call((api) => api.mall['pickup-outlets'].$get())
      if (mine !== generation.current) return
      setOutlets(answer.outlets)
      setChosenId((chosen) => {
        if (chosen && answer.outlets.some((o) => o.id === chosen)) return chosen
        return answer.preferredOutletId ?? (answer.outlets.length === 1 ? answer.outlets[0].id : null)
      })
      setError(null)
    } catch (failure) {
      if (mine === generation.current) setError(failureOf(failure).message)
    } finally {
      if (mine === generation.current) setLoading(false)
    }
  }, [])

  useEffect(() => {
    if (needed) void load()
    return () => {
      generation.current += 1
    }
  }, [needed, load])

  return {
    outlets,
    chosen: outlets.find((o) => o.id === chosenId) ?? null,
    loading,
    error,
    choose: setChosenId,
    reload: () => void load(),
  }
}
