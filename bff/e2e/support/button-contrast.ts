import type { Locator, Page } from 'playwright-core'
import { expect } from 'vitest'

/** What a button's label looks like: its colour, its own background, and the colours seen behind it. */
interface LabelLook {
  color: string
  ownBackground: string
  /** Every opaque colour the label may sit on: one, or the stops of a gradient (translucent layers composited). */
  backdrops: string[]
}

/**
 * Reads a NutUI button's label (`.nut-button-children`) in the page: its colour, its own background colour, and
 * what is behind it, found by walking up from the label to the first element that paints a background (a colour
 * or a gradient's stops), compositing translucent layers over what lies beneath them. Written as one arrow
 * function with no named helpers, since Playwright sends its source text to the page.
 */
export const readLabel = (button: Locator): Promise<LabelLook> =>
  button.locator('.nut-button-children').evaluate((label) => {
    const parse = (text: string) => {
      const n = (text.match(/[\d.]+/g) ?? []).map(Number)
      return { r: n[0], g: n[1], b: n[2], a: n.length > 3 ? n[3] : 1 }
    }
    const over = (top: string, below: string) => {
      const t = parse(top)
      const b = parse(below)
      const mix = (x: number, y: number) => Math.round(x * t.a + y * (1 - t.a))
      return `rgb(${mix(t.r, b.r)}, ${mix(t.g, b.g)}, ${mix(t.b, b.b)})`
    }
    // A gradient's stops, composited over the element's own colour; an opaque gradient hides that colour.
    const paints = (el: Element) => {
      const style = getComputedStyle(el)
      const stops = (style.backgroundImage.match(/rgba?\([^)]*\)/g) ?? []).filter((c) => parse(c).a > 0)
      const own = parse(style.backgroundColor).a > 0 ? [style.backgroundColor] : []
      if (stops.length === 0) return own
      if (own.length === 0 || parse(own[0]).a < 1) return stops
      return stops.map((c) => (parse(c).a >= 1 ? c : over(c, own[0])))
    }
    const behind = (start: Element | null): string[] => {
      for (let el = start; el; el = el.parentElement) {
        const colours = paints(el)
        if (colours.length === 0) continue
        if (colours.every((c) => parse(c).a >= 1)) return colours
        const beneath = behind(el.parentElement)
        return colours.flatMap((c) => (parse(c).a >= 1 ? [c] : beneath.map((b) => over(c, b))))
      }
      return ['rgb(255, 255, 255)']
    }
    return {
      color: getComputedStyle(label).color,
      ownBackground: getComputedStyle(label).backgroundColor,
      backdrops: behind(label),
    }
  })

/** WCAG 2 relative luminance of an `rgb()`/`rgba()` colour. */
function luminance(colour: string): number {
  const [r, g, b] = (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
    const s = Number(v) / 255
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** WCAG contrast ratio of two opaque colours, 1 to 21. */
function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (light + 0.05) / (dark + 0.05)
}

/** A translucent label colour as seen on `backdrop`. */
function seenOn(colour: string, backdrop: string): string {
  const [r, g, b, a = 1] = (colour.match(/[\d.]+/g) ?? []).map(Number)
  const [br, bg, bb] = (backdrop.match(/[\d.]+/g) ?? []).map(Number)
  const mix = (x: number, y: number) => Math.round(x * a + y * (1 - a))
  return `rgb(${mix(r, br)}, ${mix(g, bg)}, ${mix(b, bb)})`
}

const transparent = 'rgba(0, 0, 0, 0)'

/**
 * The label is readable: no box of its own behind it (NutUI paints one on disabled and loading buttons), and at
 * least 3:1 against every colour behind it (WCAG's minimum for large text and controls).
 */
export async function expectReadable(button: Locator, what: string, labelColour?: string): Promise<void> {
  const look = await readLabel(button)
  // Taro's H5 button rules colour the button black, so a label that stops taking NutUI's own colour turns black.
  if (labelColour) expect.soft(look.color, `${what}: the label's colour`).toBe(labelColour)
  // Soft: one run reports every unreadable state, not only the first.
  expect.soft(look.ownBackground, `${what}: the label's own background`).toBe(transparent)
  const worst = Math.min(...look.backdrops.map((b) => contrast(seenOn(look.color, b), b)))
  expect.soft(worst, `${what}: ${look.color} on ${look.backdrops.join(' / ')}`).toBeGreaterThanOrEqual(3)
}

/** Holds the next request matching `url` until `release()` is called, to look at a button while it loads. */
export async function holdRequest(page: Page, url: string) {
  let arrived = false
  let release = () => {}
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  let continued: Promise<void> = Promise.resolve()
  await page.route(url, (route) => {
    arrived = true
    continued = released.then(() => route.continue())
    return continued
  })
  return {
    arrived: () => expect.poll(() => arrived).toBe(true),
    release: async () => {
      release()
      await continued
      await page.unroute(url)
    },
  }
}
