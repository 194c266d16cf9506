export default definePageConfig({ navigationBarTitleText: '经营分析' })
