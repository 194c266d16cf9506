import { useEffect, useState } from 'react'
import { Button, Image, Input, Picker, Text, View } from '@tarojs/components'
import { Toast } from '@nutui/nutui-react-taro'
import {
  earliestBirthday,
  genderLabels,
  genders,
  profileFieldLabels,
  provinces,
  resolveImageUrl,
  type ProfileView,
} from '@mc/shared'
import { ActionButton } from '../../../components/action-button'
import { PagePlaceholder } from '../../../components/page-shell'
import { TabBar } from '../../../components/tab-bar'
import { routes } from '../../../routes'
import { useMemberSession } from '../../../session/use-member-session'
import { useMembershipStore } from '../../membership.store'
import { draftOf, patchOf, type ProfileDraft } from '../../profile-form'
import { profileSelectors, useProfileStore } from '../../profile.store'
import '../../../components/page-shell/index.css'
import './index.css'
import { openPage } from '../../../open-page'

const toastId = 'profile-toast'
const loadProfile = () => void useProfileStore.getState().loadProfile()
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10) // the picker's last day, Beijing

/** 个人资料: avatar, nickname, gender, birthday (set once), region, and the reward for completing them. */
export default function ProfilePage() {
  const profile = useProfileStore((s) => s.profile)
  const error = useProfileStore((s) => s.error)
  useMemberSession(loadProfile)
  if (profile === null)
    return (
      <PagePlaceholder
        className='profile'
        loadingClassName='profile__loading'
        failure={error?.message ?? null}
        onRetry={loadProfile}
      >
        <TabBar current='me' />
      </PagePlaceholder>
    )
  return (
    <View className='page-shell profile'>
      <Toast id={toastId} />
      <TaskCard profile={profile} />
      <AvatarRow avatar={profile.avatar} />
      <ProfileForm profile={profile} />
      <Text className='profile__data' data-testid='profile-data-link' onClick={() => void openPage(routes.memberData)}>
        我的数据 ›
      </Text>
      <LogoutButton />
      <Text
        className='profile__closing'
        data-testid='profile-closing-link'
        onClick={() => void openPage(routes.accountClosing)}
      >
        注销账号
      </Text>
      <TabBar current='me' />
    </View>
  )
}

/** 退出登录 lives here, with the account's settings, rather than on the home page the member uses every day. */
function LogoutButton() {
  const loggingOut = useMembershipStore((s) => s.pending === 'logout')
  return (
    <ActionButton
      className='profile__logout'
      block
      loading={loggingOut}
      onClick={() => void useMembershipStore.getState().logout()}
    >
      退出登录
    </ActionButton>
  )
}

/** The profile-completed task: what it pays, what is still missing, or that it was paid. */
function TaskCard({ profile }: { profile: ProfileView }) {
  const worth = useProfileStore(profileSelectors.rewardWorth)
  const justRewarded = useProfileStore((s) => s.justRewarded)
  if (justRewarded)
    return (
      <View className='page-card profile__task profile__task--done' data-testid='profile-reward'>
        <Text className='profile__task-title'>资料已完善</Text>
        <Text className='profile__task-text'>
          已获得{' '}
          {[
            justRewarded.growth ? `${justRewarded.growth} 成长值` : '',
            justRewarded.points ? `${justRewarded.points} 积分` : '',
          ]
            .filter(Boolean)
            .join(' + ')}
        </Text>
      </View>
    )
  if (profile.completedAt)
    return (
      <View className='page-card profile__task profile__task--done' data-testid='profile-task'>
        <Text className='profile__task-title'>资料已完善</Text>
        <Text className='profile__task-text'>完善资料奖励已发放</Text>
      </View>
    )
  return (
    <View className='page-card profile__task' data-testid='profile-task'>
      <Text className='profile__task-title'>完善资料{worth ? `，得 ${worth}` : ''}</Text>
      <Text className='profile__task-text'>
        还需填写：{profile.missing.map((field) => profileFieldLabels[field]).join('、')}（头像选填）
      </Text>
    </View>
  )
}

/** On weapp WeChat's own avatar picker (open-type chooseAvatar); on H5 a file input. Both upload at once. */
function AvatarRow({ avatar }: { avatar: string | null }) {
  const uploading = useProfileStore((s) => s.pending === 'avatar')
  const chosen = async (file: File | string) => {
    if ((await useProfileStore.getState().avatarChosen(file)) === null) {
      Toast.show(toastId, { content: useProfileStore.getState().error?.message ?? '上传失败', icon: 'fail' })
    } else Toast.show(toastId, { content: '头像已更新', icon: 'success', duration: 1.5 })
  }
  const face = avatar ? (
    <Image
      className='profile__avatar'
      src={resolveImageUrl(avatar, API_BASE)}
      mode='aspectFill'
      data-testid='profile-avatar'
    />
  ) : (
    <View className='profile__avatar profile__avatar--empty'>
      <Text>{uploading ? '…' : '头像'}</Text>
    </View>
  )
  return (
    <View className='page-card profile__card profile__avatar-row'>
      <Text className='profile__label'>头像</Text>
      {process.env.TARO_ENV === 'h5' ? (
        <label className='profile__avatar-pick'>
          {face}
          <Text className='profile__hint'>{uploading ? '上传中…' : '点击更换'}</Text>
          <input
            className='profile__file'
            type='file'
            accept='image/jpeg,image/png,image/webp'
            data-testid='profile-avatar-input'
            disabled={uploading}
            onChange={(event) => {
              const file = event.currentTarget.files?.[0]
              event.currentTarget.value = ''
              if (file) void chosen(file)
            }}
          />
        </label>
      ) : (
        <Button
          className='profile__avatar-pick profile__avatar-button'
          openType='chooseAvatar'
          disabled={uploading}
          onChooseAvatar={(event) => void chosen((event.detail as { avatarUrl: string }).avatarUrl)}
        >
          {face}
        </Button>
      )}
    </View>
  )
}

function ProfileForm({ profile }: { profile: ProfileView }) {
  const [draft, setDraft] = useState<ProfileDraft>(() => draftOf(profile))
  const saving = useProfileStore((s) => s.pending === 'save')
  useEffect(() => setDraft(draftOf(profile)), [profile])
  const edit = (change: Partial<ProfileDraft>) => setDraft((d) => ({ ...d, ...change }))
  const save = async () => {
    const { patch, problem } = patchOf(profile, draft)
    if (problem) return Toast.show(toastId, { content: problem, icon: 'fail' })
    if (!patch) return Toast.show(toastId, { content: '没有修改' })
    const saved = await useProfileStore.getState().saveProfile(patch)
    if (saved === null) {
      Toast.show(toastId, { content: useProfileStore.getState().error?.message ?? '保存失败', icon: 'fail' })
      return
    }
    Toast.show(toastId, { content: saved.rewarded ? '资料已完善，奖励已到账' : '已保存', icon: 'success' })
    // The reward moved growth and points: the home card should not show the old numbers.
    if (saved.rewarded) void useMembershipStore.getState().loadMe()
  }
  return (
    <View className='page-card profile__card'>
      <View className='profile__row'>
        <Text className='profile__label'>昵称</Text>
        <Input
          className='profile__input'
          type={process.env.TARO_ENV === 'weapp' ? 'nickname' : 'text'}
          name='nickname'
          maxlength={32}
          placeholder='请输入昵称'
          placeholderClass='profile__placeholder'
          value={draft.nickname}
          onInput={(e) => edit({ nickname: e.detail.value })}
          // weapp: picking WeChat's nickname fills the field without an input event.
          onBlur={(e) => edit({ nickname: e.detail.value })}
        />
      </View>
      <View className='profile__row'>
        <Text className='profile__label'>性别</Text>
        <View className='profile__choices'>
          {genders.map((gender) => (
            <Text
              key={gender}
              className={`profile__choice${draft.gender === gender ? ' profile__choice--on' : ''}`}
              data-testid={`profile-gender-${gender}`}
              onClick={() => edit({ gender })}
            >
              {genderLabels[gender]}
            </Text>
          ))}
        </View>
      </View>
      <BirthdayRow profile={profile} value={draft.birthday} onChange={(birthday) => edit({ birthday })} />
      <View className='profile__row'>
        <Text className='profile__label'>地区</Text>
        <Picker
          mode='selector'
          range={provinces as unknown as string[]}
          value={Math.max(0, provinces.indexOf(draft.province as (typeof provinces)[number]))}
          onChange={(e) => edit({ province: provinces[Number(e.detail.value)] })}
        >
          <Text
            className={`profile__value${draft.province ? '' : ' profile__value--empty'}`}
            data-testid='profile-province'
          >
            {draft.province ?? '选择省份'}
          </Text>
        </Picker>
        <Input
          className='profile__input profile__input--city'
          name='city'
          maxlength={20}
          placeholder='城市'
          placeholderClass='profile__placeholder'
          value={draft.city}
          onInput={(e) => edit({ city: e.detail.value })}
        />
      </View>
      <ActionButton className='profile__save' type='primary' block loading={saving} onClick={() => void save()}>
        保存
      </ActionButton>
    </View>
  )
}

/** The birthday can be picked while none is set; after that it shows why it cannot be changed here. */
function BirthdayRow(props: { profile: ProfileView; value: string | null; onChange: (day: string) => void }) {
  if (props.profile.birthdayLocked)
    return (
      <View className='profile__row profile__row--stacked' data-testid='profile-birthday-locked'>
        <View className='profile__line'>
          <Text className='profile__label'>生日</Text>
          <Text className='profile__value'>{props.profile.birthday}</Text>
        </View>
        <Text className='profile__note'>生日设置后不能自行修改，如需更改请联系门店或客服</Text>
      </View>
    )
  return (
    <View className='profile__row profile__row--stacked'>
      <View className='profile__line'>
        <Text className='profile__label'>生日</Text>
        <Picker
          mode='date'
          start={earliestBirthday}
          end={today()}
          value={props.value ?? '1990-01-01'}
          onChange={(e) => props.onChange(e.detail.value)}
        >
          <Text
            className={`profile__value${props.value ? '' : ' profile__value--empty'}`}
            data-testid='profile-birthday'
          >
            {props.value ?? '选择生日'}
          </Text>
        </Picker>
      </View>
      <Text className='profile__note'>生日只能设置一次，设置后如需更改请联系门店或客服</Text>
    </View>
  )
}
