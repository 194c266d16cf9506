/** Page paths, so navigation calls never repeat them as strings. */
export const routes = {
  home: '/pages/home/index',
  login: '/pages/login/index',
  join: '/membership/pages/join/index',
  tiers: '/membership/pages/tiers/index',
  history: '/points/pages/history/index',
  expiringPoints: '/points/pages/expiring/index',
  signIn: '/sign-in/pages/calendar/index',
  memberCode: '/member-code/pages/code/index',
  benefits: '/benefits/pages/list/index',
  inbox: '/inbox/pages/list/index',
  staffLogin: '/staff/pages/login/index',
  staffTill: '/staff/pages/till/index',
} as const

/** `path` with the store QR `scene` carried along, so a scan survives the detour through login. */
export function withScene(path: string, scene?: string): string {
  return scene ? `${path}?scene=${encodeURIComponent(scene)}` : path
}

/** The growth or points history, opened on that tab. */
export function historyRoute(type: 'growth' | 'points'): string {
  return `${routes.history}?type=${type}`
}
