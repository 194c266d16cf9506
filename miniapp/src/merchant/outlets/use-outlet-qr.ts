import { useEffect, useState } from 'react'
import { failureOf } from '../../api/client'
import { loadOutletQr } from './outlet-qr'

// One fetch per store while the app runs: the table's thumbnail, the download and the poster share it.
const loaded = new Map<string, Promise<string>>()

/** A store's join QR as an image source, fetched with the operator's token; `error` says why it is missing. */
export function useOutletQr(outletId: string): { src: string | null; error: string | null } {
  const [state, setState] = useState<{ src: string | null; error: string | null }>({ src: null, error: null })
  useEffect(() => {
    let live = true
    let pending = loaded.get(outletId)
    if (!pending) {
      pending = loadOutletQr(outletId)
      loaded.set(outletId, pending)
      // A failed fetch is not kept, so the next render can try again.
      pending.catch(() => loaded.delete(outletId))
    }
    pending.then(
      (src) => live && setState({ src, error: null }),
      (error) => live && setState({ src: null, error: failureOf(error).message }),
    )
    return () => {
      live = false
    }
  }, [outletId])
  return state
}
