import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const root = fileURLToPath(new URL('.', import.meta.url))
const noopModule = fileURLToPath(new URL('./test/noop-module.ts', import.meta.url))

// Settings from shared/TOOLCHAIN.md ("Component tests"); `root` lets a root vitest.config.ts list this as a project.
export default defineConfig({
  root,
  define: {
    'process.env.TARO_ENV': JSON.stringify('h5'),
    'process.env.TARO_PLATFORM': JSON.stringify('web'),
    'process.env.FRAMEWORK': JSON.stringify('react'),
    'process.env.SUPPORT_TARO_POLYFILL': JSON.stringify('disabled'),
    ENABLE_INNER_HTML: 'true',
    ENABLE_ADJACENT_HTML: 'true',
    ENABLE_SIZE_APIS: 'false',
    ENABLE_TEMPLATE_CONTENT: 'false',
    ENABLE_CLONE_NODE: 'true',
    ENABLE_CONTAINS: 'true',
    ENABLE_MUTATION_OBSERVER: 'false',
    DEPRECATED_ADAPTER_COMPONENT: 'false',
    API_BASE: JSON.stringify(''),
    LOCAL_CASHIER: 'true',
  },
  resolve: {
    alias: [
      { find: /^@tarojs\/components$/, replacement: '@tarojs/components-react' },
      {
        find: /^@nutui\/nutui-react-taro$/,
        replacement: '@nutui/nutui-react-taro/dist/es/packages/nutui.react.build.js',
      },
      // NutUI's animation dependencies are never rendered in tests and do not load under jsdom.
      { find: /^(lottie-react|lottie-web|@nutui\/lottie-miniprogram)$/, replacement: noopModule },
    ],
  },
  test: {
    name: 'miniapp',
    root,
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./test/setup.ts'],
    server: { deps: { inline: [/@nutui\//] } },
  },
})
