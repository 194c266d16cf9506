export default definePageConfig({ navigationBarTitleText: '分析报表' })
