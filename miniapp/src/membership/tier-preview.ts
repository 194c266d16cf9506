import type { Tier } from '@mc/shared'

/**
 * The ladder shown before joining. The BFF only reveals its tiers through GET /api/me, which answers
 * MEMBER_NOT_JOINED until the shopper has joined, so the join page previews this copy of the default ladder.
 * Replace it with the BFF's list once an endpoint for unjoined shoppers exists.
 */
export const tierPreview: readonly Tier[] = [
  { id: 'normal', name: '普通会员', threshold: 0 },
  { id: 'silver', name: '白银会员', threshold: 500 },
  { id: 'gold', name: '黄金会员', threshold: 2000 },
]
