export default definePageConfig({ navigationBarTitleText: '商品详情', backgroundColor: '#f5f6f8' })
