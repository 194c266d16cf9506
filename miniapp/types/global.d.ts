/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'

/** Origin of the BFF, set per target in config/index.ts: '' on H5 (same origin), a URL on weapp. */
declare const API_BASE: string

/** True in development and demo builds only: the local (no real money) cashier may be shown. */
declare const LOCAL_CASHIER: boolean

declare namespace NodeJS {
  interface ProcessEnv {
    /** Build mode; affects the output. */
    NODE_ENV: 'development' | 'production'
    /** Target platform of this build; only weapp and h5 are configured. */
    TARO_ENV: 'weapp' | 'h5'
    /** AppID of the mini-program, if it differs per environment. */
    TARO_APP_ID: string
    /** BFF origin baked into the weapp build; defaults to http://localhost:8787. */
    TARO_APP_API_BASE?: string
  }
}

declare module 'qrcode/lib/core/qrcode' {
  /** qrcode's core encoder: the module matrix, without any rendering (and without Node-only dependencies). */
  export function create(
    text: string,
    options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' },
  ): {
    modules: { size: number; get(x: number, y: number): number | boolean }
  }
}
