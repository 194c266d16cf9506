export default definePageConfig({ navigationBarTitleText: '发送失败' })
