export default definePageConfig({ navigationBarTitleText: '分析设置' })
