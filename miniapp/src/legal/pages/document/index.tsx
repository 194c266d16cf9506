import { useEffect } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { LegalDocumentKind } from '@mc/shared'
import { ErrorState } from '../../../components/error-state'
import { useLegalStore } from '../../legal.store'
import '../../../components/page-shell/index.css'
import './index.css'

/** 《用户协议》 or 《隐私政策》 as the merchant keeps them, opened from the login page before any session. */
export default function LegalDocumentPage() {
  const { params } = useRouter()
  const parsed = LegalDocumentKind.safeParse(params.kind)
  const kind = parsed.success ? parsed.data : 'terms'
  const document = useLegalStore((s) => s.documents[kind])
  const failed = useLegalStore((s) => (s.loading === null ? s.error : null))
  const loadDocument = useLegalStore((s) => s.loadDocument)

  useEffect(() => {
    void loadDocument(kind)
  }, [kind, loadDocument])
  useEffect(() => {
    if (document) void Taro.setNavigationBarTitle({ title: document.title })
  }, [document])

  if (!document && failed) return <ErrorState message={failed.message} onRetry={() => void loadDocument(kind)} />
  return (
    <View className='page-shell legal'>
      <View className='page-card legal__card'>
        <Text className='legal__title'>{document ? `《${document.title}》` : ' '}</Text>
        {document?.body.split(/\n{2,}/).map((paragraph) => (
          <Text key={paragraph} className='legal__paragraph'>
            {paragraph}
          </Text>
        ))}
      </View>
    </View>
  )
}
