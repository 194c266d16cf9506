import { useEffect, useRef } from 'react'
import Taro from '@tarojs/taro'
import { Canvas as TaroCanvas, View } from '@tarojs/components'
import { Canvas } from '@antv/f2'
import { groupedBars, type BarRow } from './grouped-bars'

export type { BarRow } from './grouped-bars'

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
  const chart = useRef<Canvas | null>(null)
  useEffect(() => {
    let cancelled = false
    void findSurface(id, height).then((surface) => {
      if (cancelled || !surface) return
      const canvasProps = { ...surface, animate: false, children: groupedBars(rows, colors) }
      if (chart.current) chart.current.update(canvasProps)
      else {
        chart.current = new Canvas(canvasProps)
        void chart.current.render()
      }
    })
    return () => {
      cancelled = true
    }
  }, [id, rows, colors, height])
  useEffect(
    () => () => {
      chart.current?.destroy()
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

/** Waits a frame for the canvas to be laid out, then sizes its backing store for the screen's pixel ratio. */
async function findSurface(id: string, height: number): Promise<ChartSurface | null> {
  await new Promise<void>((resolve) => Taro.nextTick(resolve))
  const pixelRatio = Taro.getSystemInfoSync().pixelRatio || 1
  if (process.env.TARO_ENV === 'h5') {
    const host = document.getElementById(id)
    const element = host instanceof HTMLCanvasElement ? host : host?.querySelector('canvas')
    if (!element) return null
    const width = element.parentElement?.getBoundingClientRect().width || element.getBoundingClientRect().width
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
