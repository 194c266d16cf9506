import { useEffect, useMemo, useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { type AdminMallItem, type FulfilmentKind, fulfilmentKinds } from '@mc/shared'
import { failureOf } from '../../../api/client'
import { fulfilmentTitles } from '../../../mall/mall-copy'
import { routes } from '../../../routes'
import { ConsoleButton } from '../../components/console-button'
import { ConsoleShell } from '../../components/console-shell'
import { Field, fieldErrors } from '../../components/field'
import { consoleCall } from '../../console-call'
import { Chip } from '../../mall/chip'
import { ImagePicker } from '../../mall/image-picker'
import {
  checkItemForm,
  chineseErrors,
  emptyItemForm,
  formFromItem,
  type ItemFormValues,
  patchFromInput,
} from '../../mall/item-form'
import '../../console.css'
import '../../mall/mall-console.css'
import '../../mall/mall-item-form.css'

/** Create an item (no `id`) or edit one (`?id=`): pictures, price, stock, limits, kind, on sale. */
export default function MerchantMallItemPage() {
  const itemId = Taro.getCurrentInstance().router?.params.id ?? null
  const [item, setItem] = useState<AdminMallItem | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const title = itemId ? '编辑商品' : '新建商品'

  useEffect(() => {
    if (!itemId) return
    consoleCall((api) => api.admin.mall.items.$get({ query: {} }))
      .then(({ items }) => {
        const found = items.find((x) => x.id === itemId)
        if (found) setItem(found)
        else setLoadError('商品不存在或已被删除')
      })
      .catch((error) => setLoadError(failureOf(error).message))
  }, [itemId])

  return (
    <ConsoleShell active='mall' title={title}>
      {itemId && !item ? (
        <View className='console-card console-empty'>{loadError ?? '加载中…'}</View>
      ) : (
        <ItemForm item={item} />
      )}
    </ConsoleShell>
  )
}

/** Back to the list (which reloads when shown), or onto it when the form was opened directly. */
function backToList() {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.redirectTo({ url: routes.merchantMall })
}

function ItemForm({ item }: { item: AdminMallItem | null }) {
  const [values, setValues] = useState<ItemFormValues>(() => (item ? formFromItem(item) : emptyItemForm))
  // Errors show for the fields the merchant has changed, and for all of them after a save was tried.
  const [touched, setTouched] = useState<Set<string>>(new Set())
  const [submitted, setSubmitted] = useState(false)
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const check = useMemo(() => checkItemForm(values), [values])

  const set = <K extends keyof ItemFormValues>(key: K, path: string, value: ItemFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }))
    setTouched((t) => new Set(t).add(path))
    setServerErrors((e) => ({ ...e, [path]: '' }))
  }
  const error = (path: string) =>
    serverErrors[path] || (!check.ok && (submitted || touched.has(path)) ? (check.errors[path] ?? null) : null)

  const save = async () => {
    setSubmitted(true)
    setFailure(null)
    if (!check.ok) return
    setSaving(true)
    try {
      if (item) {
        const json = patchFromInput(check.input)
        await consoleCall((api) => api.admin.mall.items[':itemId'].$patch({ param: { itemId: item.id }, json }))
      } else {
        await consoleCall((api) => api.admin.mall.items.$post({ json: check.input }))
      }
      void Taro.showToast({ title: item ? '已保存' : '商品已创建', icon: 'success' })
      backToList()
    } catch (err) {
      const fields = chineseErrors(fieldErrors(err))
      setServerErrors(fields)
      setFailure(Object.keys(fields).length > 0 ? '请按提示修改后再保存' : failureOf(err).message)
      setSaving(false)
    }
  }

  const text = (key: keyof ItemFormValues, path: string) => ({
    value: String(values[key] ?? ''),
    onInput: (e: { detail: { value: string } }) => set(key, path, e.detail.value as never),
  })

  return (
    <View className='item-form'>
      <View className='console-card item-form__section'>
        <Text className='console-card__title item-form__heading'>基本信息</Text>
        <Field label='商品图片' hint='JPEG、PNG 或 WebP，不超过 2 MB，第一张为封面' error={error('images')}>
          <ImagePicker images={values.images} onChange={(images) => set('images', 'images', images)} />
        </Field>
        <Field label='商品名称' required error={error('title')}>
          <Input className='console-input' placeholder='例如：品牌帆布袋' maxlength={60} {...text('title', 'title')} />
        </Field>
        <Field label='商品描述' error={error('description')}>
          <Textarea
            className='console-input item-form__textarea'
            placeholder='材质、规格、使用说明等'
            maxlength={2000}
            {...text('description', 'description')}
          />
        </Field>
        <Field label='商品类型' required error={error('fulfilment')}>
          <View className='console-chips'>
            {fulfilmentKinds.map((kind: FulfilmentKind) => (
              <Chip
                key={kind}
                on={values.fulfilment === kind}
                testId={`item-kind-${kind}`}
                onClick={() => set('fulfilment', 'fulfilment', kind)}
              >
                {fulfilmentTitles[kind]}
              </Chip>
            ))}
          </View>
        </Field>
        {values.fulfilment === 'coupon' && <CouponFields values={values} set={set} error={error} />}
        {values.fulfilment === 'pickup' && (
          <Field
            label='自提期限（天）'
            required
            hint='兑换成功（需付款的自提商品为付款成功）后，会员须在这些天内到店领取，1–365 天'
            error={error('pickupDays')}
          >
            <Input
              className='console-input'
              type='number'
              placeholder='例如：30'
              data-testid='item-pickup-days'
              {...text('pickupDays', 'pickupDays')}
            />
          </Field>
        )}
      </View>

      <View className='console-card item-form__section'>
        <Text className='console-card__title item-form__heading'>价格与库存</Text>
        <View className='item-form__grid'>
          <Field label='积分价' required error={error('pointsPrice')}>
            <Input
              className='console-input'
              type='number'
              placeholder='例如：300'
              {...text('pointsPrice', 'pointsPrice')}
            />
          </Field>
          <Field label='现金部分（元）' hint='不填为纯积分兑换' error={error('cashFen')}>
            <Input className='console-input' type='digit' placeholder='例如：9.90' {...text('cashYuan', 'cashFen')} />
          </Field>
          {item ? (
            <Field label='库存' hint='在商品列表中点「调整库存」增减'>
              <Text className='item-form__static'>{item.stock} 件</Text>
            </Field>
          ) : (
            <Field label='库存' required error={error('stock')}>
              <Input className='console-input' type='number' placeholder='例如：100' {...text('stock', 'stock')} />
            </Field>
          )}
          <Field label='每人限兑' hint='不填为不限' error={error('perMemberLimit')}>
            <Input
              className='console-input'
              type='number'
              placeholder='例如：2'
              {...text('perMemberLimit', 'perMemberLimit')}
            />
          </Field>
        </View>
        <View
          className={`console-check ${values.onSale ? 'console-check--on' : ''}`}
          data-testid='item-on-sale'
          onClick={() => set('onSale', 'onSale', !values.onSale)}
        >
          <Text className='console-check__box'>{values.onSale ? '✓' : ''}</Text>
          <Text>{item ? '在售（会员可见可兑换）' : '创建后立即上架'}</Text>
        </View>
      </View>

      {failure ? <View className='console-notice console-notice--error'>{failure}</View> : null}
      <View className='item-form__buttons'>
        <ConsoleButton onClick={backToList}>取消</ConsoleButton>
        <ConsoleButton kind='primary' loading={saving} testId='item-save' onClick={() => void save()}>
          {item ? '保存修改' : '创建商品'}
        </ConsoleButton>
      </View>
    </View>
  )
}

interface CouponFieldsProps {
  values: ItemFormValues
  set: <K extends keyof ItemFormValues>(key: K, path: string, value: ItemFormValues[K]) => void
  error: (path: string) => string | null
}

/** The coupon a coupon item issues: its name, a cash-off or free-shipping face, and how long it lasts. */
function CouponFields({ values, set, error }: CouponFieldsProps) {
  const input = (key: keyof ItemFormValues, path: string) => ({
    value: String(values[key] ?? ''),
    onInput: (e: { detail: { value: string } }) => set(key, path, e.detail.value as never),
  })
  return (
    <View className='item-form__coupon'>
      <Field label='券名称' required error={error('coupon.name') ?? error('coupon')}>
        <Input className='console-input' placeholder='例如：满 50 减 10 券' {...input('couponName', 'coupon.name')} />
      </Field>
      <Field label='券类型'>
        <View className='console-chips'>
          <Chip on={values.couponKind === 'cash_off'} onClick={() => set('couponKind', 'coupon.kind', 'cash_off')}>
            满减券
          </Chip>
          <Chip
            on={values.couponKind === 'free_shipping'}
            onClick={() => set('couponKind', 'coupon.kind', 'free_shipping')}
          >
            包邮券
          </Chip>
        </View>
      </Field>
      <View className='item-form__grid'>
        {values.couponKind === 'cash_off' && (
          <>
            <Field label='使用门槛（元）' hint='0 或不填为无门槛' error={error('coupon.thresholdFen')}>
              <Input className='console-input' type='digit' {...input('couponThresholdYuan', 'coupon.thresholdFen')} />
            </Field>
            <Field label='减免金额（元）' required error={error('coupon.discountFen')}>
              <Input className='console-input' type='digit' {...input('couponDiscountYuan', 'coupon.discountFen')} />
            </Field>
          </>
        )}
        <Field label='有效天数' required error={error('coupon.validDays')}>
          <Input className='console-input' type='number' {...input('couponValidDays', 'coupon.validDays')} />
        </Field>
      </View>
    </View>
  )
}
