import { useCallback, useEffect, useRef, useState } from 'react'
import { consoleFailureOf, type ConsoleFailure } from './operator.store'

export interface ConsoleLoad<T> {
  /** The last answer; kept while a reload runs, so the page does not flash empty. */
  data: T | null
  failure: ConsoleFailure | null
  loading: boolean
  reload: () => Promise<void>
}

/**
 * Loads what a console page shows once `ready` (see `useConsoleAccess`) and again on `reload()` or when `key`
 * changes (a filter). An answer to an older request than the latest is dropped.
 */
export function useConsoleLoad<T>(ready: boolean, load: () => Promise<T>, key = ''): ConsoleLoad<T> {
  const [data, setData] = useState<T | null>(null)
  const [failure, setFailure] = useState<ConsoleFailure | null>(null)
  const [loading, setLoading] = useState(false)
  const latest = useRef(0)
  const loadRef = useRef(load)
  loadRef.current = load

  const reload = useCallback(async () => {
    const request = ++latest.current
    setLoading(true)
    try {
      const result = await loadRef.current()
      if (request !== latest.current) return
      setData(result)
      setFailure(null)
    } catch (error) {
      if (request === latest.current) setFailure(consoleFailureOf(error))
    } finally {
      if (request === latest.current) setLoading(false)
    }
  }, [])

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for what `load` reads.
  useEffect(() => {
    if (ready) void reload()
  }, [ready, reload, key])

  return { data, failure, loading, reload }
}
