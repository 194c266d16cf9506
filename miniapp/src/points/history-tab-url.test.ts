import { describe, expect, it } from 'vitest'
import { hrefWithHistoryType } from './history-tab-url'

describe('hrefWithHistoryType', () => {
  it.each([
    ['http://h/#/points/pages/history/index', 'points', 'http://h/#/points/pages/history/index?type=points'],
    [
      'http://h/#/points/pages/history/index?type=growth',
      'points',
      'http://h/#/points/pages/history/index?type=points',
    ],
    [
      'http://h/#/points/pages/history/index?type=points',
      'growth',
      'http://h/#/points/pages/history/index?type=growth',
    ],
    // Other parameters of the page stay as they were.
    [
      'http://h/?v=1#/points/pages/history/index?a=1&type=growth',
      'points',
      'http://h/?v=1#/points/pages/history/index?a=1&type=points',
    ],
    ['http://h/no-hash', 'points', 'http://h/no-hash'],
  ] as const)('%s → %s', (href, type, expected) => expect(hrefWithHistoryType(href, type)).toBe(expected))
})
