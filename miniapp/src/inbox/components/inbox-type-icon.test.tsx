import { render } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { InboxTypeIcon } from './inbox-type-icon'

describe('InboxTypeIcon', () => {
  it("draws the app's icon tile in the category's tone, a blue bell for an unknown kind", () => {
    const { container, unmount } = render(<InboxTypeIcon category='tier' />)
    expect(container.querySelector('.mc-icon-tile.mc-icon-tile--soft-gold .mc-icon')).not.toBeNull()
    unmount()
    const other = render(<InboxTypeIcon category={null} />)
    expect(other.container.querySelector('.mc-icon-tile--soft-blue')).not.toBeNull()
    expect(other.container.querySelector('[aria-label="通知"]')).not.toBeNull()
  })
})
