/** Page query as Taro's router hands it over; values may still be URI-encoded. */
export type PageParams = Partial<Record<string, string>>

const maxOutletIdLength = 64

/**
 * The outlet whose QR code brought the shopper here: `outletId` in the page query, else in the H5 URL's own
 * query (`locationSearch`), else the weapp QR `scene`, which holds either the bare id or `outletId=…`.
 */
export function outletIdFromParams(params: PageParams, locationSearch = ''): string | undefined {
  const direct = params.outletId ?? parseQuery(locationSearch.replace(/^\?/, '')).outletId
  if (direct !== undefined) return cleanOutletId(safeDecode(direct))
  if (params.scene === undefined) return undefined
  const scene = safeDecode(params.scene)
  if (!scene.includes('=')) return cleanOutletId(scene)
  const fromScene = parseQuery(scene)
  return cleanOutletId(fromScene.outletId ?? fromScene.o ?? '')
}

// Hand-rolled because the weapp runtime has no URLSearchParams.
function parseQuery(query: string): PageParams {
  const result: PageParams = {}
  for (const pair of query.split('&')) {
    const [key, ...rest] = pair.split('=')
    if (key) result[safeDecode(key)] = safeDecode(rest.join('='))
  }
  return result
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '))
  } catch {
    return value
  }
}

function cleanOutletId(value: string): string | undefined {
  const trimmed = value.trim()
  return trimmed.length > 0 && trimmed.length <= maxOutletIdLength ? trimmed : undefined
}
