import { Button, Text, View } from '@tarojs/components'
import { Toast } from '@nutui/nutui-react-taro'
import { PagePlaceholder } from '../../../components/page-shell'
import { shanghaiDateTime } from '../../../format'
import { useMemberSession } from '../../../session/use-member-session'
import { dataSections, otherRecordCounts, type DataSection } from '../../data-export-copy'
import { downloadMemberData } from '../../data-download'
import { useDataExportStore } from '../../data-export.store'
import './index.css'

const toastId = 'member-data-toast'
const isH5 = process.env.TARO_ENV === 'h5'
const loadExport = () => void useDataExportStore.getState().loadExport()

/** 我的数据: everything the member center holds about the member, readable, with the whole file to download on H5. */
export default function MemberDataPage() {
  const data = useDataExportStore((s) => s.data)
  const pending = useDataExportStore((s) => s.pending)
  const failure = useDataExportStore((s) => s.error?.message ?? null)
  useMemberSession(loadExport)

  if (data === null)
    return (
      <PagePlaceholder
        className='member-data'
        loadingClassName='member-data__loading'
        failure={pending ? null : failure}
        retrying={pending}
        onRetry={loadExport}
      />
    )
  return (
    <View className='page-shell member-data'>
      <Toast id={toastId} />
      <View className='member-data__intro' data-testid='member-data-intro'>
        <Text className='member-data__heading'>我们保存的你的数据</Text>
        <Text className='member-data__text'>
          以下是会员中心保存的关于你的全部数据（{shanghaiDateTime(data.exportedAt)} 导出）。登录凭证等安全信息不会导出。
        </Text>
        {isH5 ? (
          <Button
            className='member-data__download'
            data-testid='member-data-download'
            onClick={() => {
              const fileName = downloadMemberData(data)
              Toast.show(toastId, { content: `已下载 ${fileName}`, icon: 'success' })
            }}
          >
            下载全部数据（JSON）
          </Button>
        ) : (
          <Text className='member-data__text'>如需下载完整数据文件，请在网页版会员中心打开本页。</Text>
        )}
      </View>
      {dataSections(data).map((section) => (
        <SectionCard key={section.key} section={section} />
      ))}
      <SectionCard section={{ key: 'other', title: '其他记录', count: null, rows: otherRecordCounts(data) }} />
    </View>
  )
}

function SectionCard({ section }: { section: DataSection }) {
  return (
    <View className='page-card member-data__card' data-testid={`member-data-${section.key}`}>
      <View className='split-row member-data__title-row'>
        <Text className='member-data__title'>{section.title}</Text>
        {section.count !== null && <Text className='member-data__count'>共 {section.count} 条</Text>}
      </View>
      {section.rows.length === 0 ? (
        <Text className='member-data__empty'>暂无记录</Text>
      ) : (
        section.rows.map((row, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are rebuilt whole from one export, never reordered.
          <View key={`${row.label}-${i}`} className='card-row member-data__row'>
            <Text className='member-data__label'>{row.label}</Text>
            <Text className='member-data__value'>{row.value}</Text>
          </View>
        ))
      )}
    </View>
  )
}
