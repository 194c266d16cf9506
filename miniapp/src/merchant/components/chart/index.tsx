import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Canvas as TaroCanvas, View } from '@tarojs/components'
import { Canvas } from '@antv/f2'
import { groupedBars, type BarRow } from './grouped-bars'
import { seriesChart, type SeriesKind } from './series-chart'

export type { BarRow } from './grouped-bars'
export { isSideways, seriesPalette, type SeriesKind } from './series-chart'

/** A canvas ready for F2: its 2D context, drawing size in CSS pixels and the screen's pixel ratio. */
interface ChartSurface {
  context: CanvasRenderingContext2D
  width: number
  height: number
  pixelRatio: number
}

/**
 * Grouped bars drawn by F2 on a 2D canvas: one group per `category`, one colour per `series`. The canvas is the
 * weapp `<Canvas type="2d">` node (found by a selector query) or, on H5, the canvas element Taro renders.
 */
export function BarChart(props: { id: string; rows: BarRow[]; colors: string[]; height: number; testId?: string }) {
  const { id, rows, colors, height, testId } = props
  return (
    <F2Canvas id={id} height={height} testId={testId} tree={() => groupedBars(rows, colors)} deps={[rows, colors]} />
  )
}

/**
 * A chart of `kind` (stacked area, line, bars, pie) over long rows: one colour per `series`, `category` along the
 * x axis. The insights reports draw each table's chart with it.
 */
export function SeriesChart(props: { id: string; kind: SeriesKind; rows: BarRow[]; height: number; testId?: string }) {
  const { id, kind, rows, height, testId } = props
  return (
    <F2Canvas
      id={id}
      height={height}
      testId={testId}
      tree={(width) => seriesChart(kind, rows, width)}
      deps={[kind, rows]}
    />
  )
}

/** One F2 canvas: drawn once the canvas is found, redrawn when `deps` change, destroyed with the component. */
function F2Canvas(props: {
  id: string
  height: number
  testId?: string
  tree: (width: number) => ReturnType<typeof groupedBars>
  deps: unknown[]
}) {
  const { id, height, testId, tree, deps } = props
  const chart = useRef<{ canvas: Canvas; width: number } | null>(null)
  const treeRef = useRef(tree)
  const drawing = useRef<Promise<void>>(Promise.resolve())
  treeRef.current = tree
  const layoutWidth = useLayoutWidth(id)
  // `deps` stands for what `tree` draws (the tree itself is read through a ref); a new width draws afresh, since
  // the canvas's backing store is resized for it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `layoutWidth` is measured again inside findSurface.
  useEffect(() => {
    let cancelled = false
    // Draws run one after another: F2 renders asynchronously, and an update or a new canvas arriving while the
    // last render is still running (the width settling right after the first draw) left the canvas blank.
    drawing.current = drawing.current
      .then(async () => {
        const surface = cancelled ? null : await findSurface(id, height)
        if (cancelled || !surface) return
        const canvasProps = { ...surface, animate: false, children: treeRef.current(surface.width) }
        if (chart.current && chart.current.width === surface.width) await chart.current.canvas.update(canvasProps)
        else {
          chart.current?.canvas.destroy()
          chart.current = { canvas: new Canvas(canvasProps), width: surface.width }
          await chart.current.canvas.render()
        }
      })
      .catch(() => undefined)
    return () => {
      cancelled = true
    }
  }, [id, height, layoutWidth, ...deps])
  useEffect(
    () => () => {
      chart.current?.canvas.destroy()
      chart.current = null
    },
    [],
  )
  return (
    <View className='chart' data-testid={testId} style={{ height: `${height}px` }}>
      <TaroCanvas type='2d' id={id} canvasId={id} className='chart__canvas' style={{ height: `${height}px` }} />
    </View>
  )
}

/**
 * The chart's width on H5, followed as the layout settles or the window resizes (a page can be measured before
 * its final layout, and a chart drawn then would keep that width). Weapp pages have a fixed width: 0 there.
 */
function useLayoutWidth(id: string): number {
  const [width, setWidth] = useState(0)
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || typeof ResizeObserver === 'undefined') return
    const host = document.getElementById(id)?.closest('.chart')
    if (!host) return
    const observer = new ResizeObserver(([entry]) => setWidth(Math.round(entry?.contentRect.width ?? 0)))
    observer.observe(host)
    return () => observer.disconnect()
  }, [id])
  return width
}

/** Waits a frame for the canvas to be laid out, then sizes its backing store for the screen's pixel ratio. */
async function findSurface(id: string, height: number): Promise<ChartSurface | null> {
  await new Promise<void>((resolve) => Taro.nextTick(resolve))
  const pixelRatio = Taro.getSystemInfoSync().pixelRatio || 1
  if (process.env.TARO_ENV === 'h5') {
    const host = document.getElementById(id)
    const element = host instanceof HTMLCanvasElement ? host : host?.querySelector('canvas')
    if (!element) return null
    // The chart's own box sets the width: Taro's canvas host is an inline element as wide as the canvas inside it
    // (300 px by default), so measuring it would keep every chart at that width.
    const box = element.closest('.chart') ?? element.parentElement
    const width = box?.getBoundingClientRect().width || element.getBoundingClientRect().width
    element.style.width = `${width}px`
    element.style.height = `${height}px`
    return sized(element, width, height, pixelRatio)
  }
  return new Promise((resolve) => {
    Taro.createSelectorQuery()
      .select(`#${id}`)
      .fields({ node: true, size: true })
      .exec((answers) => {
        const found = answers?.[0] as { node?: HTMLCanvasElement; width: number } | undefined
        resolve(found?.node ? sized(found.node, found.width, height, pixelRatio) : null)
      })
  })
}

function sized(canvas: HTMLCanvasElement, width: number, height: number, pixelRatio: number): ChartSurface | null {
  const context = canvas.getContext('2d')
  if (!context || width <= 0) return null
  canvas.width = Math.round(width * pixelRatio)
  canvas.height = Math.round(height * pixelRatio)
  return { context, width, height, pixelRatio }
}
