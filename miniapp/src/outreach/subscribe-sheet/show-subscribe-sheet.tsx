import type { ReactNode } from 'react'
// @ts-expect-error react-dom has no type declarations in this workspace (@types/react-dom is not installed);
// the one function used is typed below.
import { createRoot as untypedCreateRoot } from 'react-dom/client'
import type { SubscribePrompt } from '@mc/shared'
import { SubscribeSheet, type SheetAnswer } from '.'

interface Root {
  render(node: ReactNode): void
}
const createRoot = untypedCreateRoot as (host: Element) => Root

// The sheet is asked for from a tap handler, not from a page's render, and a redirect may follow the tap (joining,
// checkout): so it lives in a root of its own on the document, above whichever page is showing.
let root: Root | null = null

/** H5 only: shows the stand-in sheet for `templates` and resolves to the member's answer once they tap a button. */
export function showSubscribeSheet(templates: SubscribePrompt['templates']): Promise<SheetAnswer> {
  if (root === null) {
    const host = document.createElement('div')
    host.id = 'subscribe-sheet-root'
    document.body.appendChild(host)
    root = createRoot(host)
  }
  const shown = root
  return new Promise((resolve) => {
    shown.render(
      <SubscribeSheet
        templates={templates}
        onAnswer={(answer) => {
          shown.render(null)
          resolve(answer)
        }}
      />,
    )
  })
}
