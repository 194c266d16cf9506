import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import type { IMiniAppConfig } from '@tarojs/taro/types/compile'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import devConfig from './dev'
import prodConfig from './prod'

// The webpack5 runner's babel rule skips symlinked workspace packages, so @mc/shared (TS source) is named here.
const sharedSrc = path.resolve(__dirname, '../../shared/src')
const compile = { include: [sharedSrc] }

type WebpackChain = Parameters<NonNullable<IMiniAppConfig['webpackChain']>>[0]

/**
 * shared/ is pure TS without side effects (CONVENTIONS.md), but webpack cannot tell that its barrel's unused modules
 * (program templates, zod schemas built by function calls) are safe to drop, so without this they all land in the
 * weapp main package. Declaring the folder side-effect free keeps only what the app imports.
 */
function markSharedPure(chain: WebpackChain) {
  const rule = chain.module.rule('mc-shared-pure').test(/\.ts$/).include.add(sharedSrc).end()
  // webpack-chain 6 supports Rule#sideEffects at runtime; its type declarations lack it.
  ;(rule as typeof rule & { sideEffects(value: boolean): unknown }).sideEffects(false)
}

// H5 is served by the BFF on the same origin, so its requests go to relative `/api/...` URLs.
const apiBase = process.env.TARO_ENV === 'h5' ? '' : process.env.TARO_APP_API_BASE || 'http://localhost:8787'

export default defineConfig<'webpack5'>(async (merge, { mode }) => {
  // The local cashier marks orders paid without money moving. Only a development build and the demo build
  // (`--mode demo`: `npm start` and the browser specs) contain it; a production build compiles it out.
  const localCashier = process.env.NODE_ENV === 'development' || mode === 'demo'
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'miniapp',
    date: '2026-11-23',
    // NutUI is drawn at 375 px; our own styles use the 750 px design of WeChat.
    designWidth(input) {
      const file = typeof input === 'object' ? input?.file : undefined
      return file?.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: { API_BASE: JSON.stringify(apiBase), LOCAL_CASHIER: JSON.stringify(localCashier) },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile,
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        markSharedPure(chain)
      },
    },
    h5: {
      compile,
      // Plain React components instead of web components, as in the vitest setup. It also keeps each input's
      // placeholder on the <input> alone, so browser tests find one element by placeholder.
      useHtmlComponents: true,
      publicPath: '/',
      staticDirectory: 'static',
      htmlPluginOption: { title: '会员中心' },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        markSharedPure(chain)
      },
    },
  }

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
