/** Page query as Taro's router hands it over; values may still be URI-encoded. */
export type PageParams = Partial<Record<string, string>>

const maxSceneLength = 128

/**
 * The store QR scene that brought the shopper here: `scene` in the page query (weapp launch options and the
 * H5 route), else in the H5 URL's own query. It is passed to the BFF as it is; only the BFF can tell a signed
 * scene from a forged one.
 */
export function sceneFromParams(params: PageParams, locationSearch = ''): string | undefined {
  const raw = params.scene ?? parseQuery(locationSearch.replace(/^\?/, '')).scene
  if (raw === undefined) return undefined
  const scene = safeDecode(raw).trim()
  return scene.length > 0 && scene.length <= maxSceneLength ? scene : undefined
}

// Hand-rolled because the weapp runtime has no URLSearchParams.
function parseQuery(query: string): PageParams {
  const result: PageParams = {}
  for (const pair of query.split('&')) {
    const [key, ...rest] = pair.split('=')
    if (key) result[safeDecode(key)] = rest.join('=')
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
