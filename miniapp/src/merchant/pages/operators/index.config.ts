export default definePageConfig({ navigationBarTitleText: '账号与密钥' })
